import { useState, type FormEvent } from 'react';
import { ErrorAlert, Loading, StatusNotice } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { TextAreaField } from '@/components/ui/form-field';
import { ApiError } from '@/lib/api-error';
import { fiscalYearLabel, formatDate } from '@/lib/dates';
import { messages } from '@/lib/messages';
import { useChangePeriodState, type PeriodTransition } from '../api/change-period-state';
import { usePeriods } from '../api/get-periods';
import { useCorrectPeriod, useCreateEdition, usePeriodEditions } from '../api/period-editions';
import { periodName, periodTransitions, sortPeriods, type ReportingPeriod } from '../utils/periods';
import { PeriodCreateForm } from './period-create-form';
import { PeriodDatesForm } from './period-dates-form';
import { PeriodStateBadge } from './period-state-badge';

const text = messages.periods;
const cell = 'border-b border-solid-gray-420 px-3 py-2 text-left align-middle';
const nowrap = `${cell} whitespace-nowrap`;

/** The published editions of a period, as links to their public pages. */
function Editions({ periodId, editionHref }: { periodId: number; editionHref: (id: number) => string }) {
  const editions = usePeriodEditions(periodId);
  if (!editions.data || editions.data.length === 0) return null;
  return (
    <ul className="mt-1 flex flex-wrap gap-x-3 text-dns-16N-130">
      {editions.data.map((e) => (
        <li key={e.id}>
          <a href={editionHref(e.id)}>{`${messages.editions.periodEditions} ${messages.editions.number(e.number)}`}</a>
        </li>
      ))}
    </ul>
  );
}

/** 訂正: a published period goes back to 締切 with the reason, which the next edition will carry. */
function CorrectForm({ period, onDone }: { period: ReportingPeriod; onDone: (message: string) => void }) {
  const correct = useCorrectPeriod();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const name = periodName(period);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!reason.trim()) {
      setMissing(true);
      return;
    }
    correct.mutate(
      { id: period.id, reason: reason.trim() },
      { onSuccess: () => onDone(messages.editions.corrected(name)) },
    );
  }

  return (
    <div className="flex flex-col gap-2">
      <div>
        <Button variant="secondary" size="sm" aria-expanded={open} onClick={() => setOpen(!open)}>
          {messages.editions.correct}
          <span className="sr-only">{`（${name}）`}</span>
        </Button>
      </div>
      {open && (
        <form onSubmit={submit} aria-label={`${messages.editions.correct}（${name}）`} className="flex flex-col gap-2">
          <TextAreaField
            label={messages.editions.correctReason}
            hint={messages.editions.correctHint}
            required
            rows={3}
            value={reason}
            error={missing ? messages.editions.correctRequired : undefined}
            onChange={(e) => {
              setReason(e.target.value);
              if (e.target.value.trim()) setMissing(false);
            }}
          />
          <div>
            <Button type="submit" size="sm" disabled={correct.isPending}>
              {messages.editions.correctSubmit}
            </Button>
          </div>
          {correct.isError && <ErrorAlert error={correct.error} />}
        </form>
      )}
    </div>
  );
}

/**
 * 新しい版を公表: a published period's current table as its next edition, for changes outside the reports (a
 * row's 内容, a department's new name), with the reason. The server refuses (409) when nothing changed.
 */
function NewEditionForm({ period, onDone }: { period: ReportingPeriod; onDone: (message: string) => void }) {
  const create = useCreateEdition();
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState('');
  const [missing, setMissing] = useState(false);
  const name = periodName(period);
  const fieldError = create.error instanceof ApiError ? create.error.fieldError('note') : undefined;

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!note.trim()) {
      setMissing(true);
      return;
    }
    if (!window.confirm(messages.editions.newEditionConfirm(name))) return;
    create.mutate(
      { id: period.id, note: note.trim() },
      {
        onSuccess: (edition) => {
          setNote('');
          setOpen(false);
          onDone(messages.editions.newEditionDone(name, edition.number));
        },
      },
    );
  }

  return (
    <div className="flex flex-col gap-2">
      <div>
        <Button variant="secondary" size="sm" aria-expanded={open} onClick={() => setOpen(!open)}>
          {messages.editions.newEdition}
          <span className="sr-only">{`（${name}）`}</span>
        </Button>
      </div>
      {open && (
        <form
          onSubmit={submit}
          aria-label={`${messages.editions.newEdition}（${name}）`}
          noValidate
          className="flex flex-col gap-2"
        >
          <TextAreaField
            label={messages.editions.newEditionNote}
            hint={messages.editions.newEditionHint}
            required
            rows={3}
            maxLength={2000}
            value={note}
            error={missing ? messages.editions.newEditionRequired : fieldError}
            onChange={(e) => {
              setNote(e.target.value);
              if (e.target.value.trim()) setMissing(false);
            }}
          />
          <div>
            <Button type="submit" size="sm" disabled={create.isPending}>
              {messages.editions.newEditionSubmit}
            </Button>
          </div>
          {create.isError && !fieldError && <ErrorAlert error={create.error} />}
        </form>
      )}
    </div>
  );
}

function Actions({ period, onDone }: { period: ReportingPeriod; onDone: (message: string) => void }) {
  const change = useChangePeriodState();
  const name = periodName(period);
  if (period.state === 'published') {
    return (
      <div className="flex flex-col gap-3">
        <CorrectForm period={period} onDone={onDone} />
        <NewEditionForm period={period} onDone={onDone} />
      </div>
    );
  }

  function run(transition: PeriodTransition) {
    if (!window.confirm(text.confirm[transition](name))) return;
    change.mutate({ id: period.id, transition }, { onSuccess: () => onDone(text.done[transition](name)) });
  }

  const transitions = periodTransitions(period.state);
  if (transitions.length === 0) return <span className="text-solid-gray-700">{text.noActions}</span>;
  return (
    <div className="flex flex-col gap-2">
      <div className="flex flex-wrap gap-2">
        {transitions.map((t) => (
          <Button
            key={t}
            variant={t === 'publish' || t === 'reopen' ? 'secondary' : 'primary'}
            size="sm"
            disabled={change.isPending}
            onClick={() => run(t)}
          >
            {text.actions[t]}
            <span className="sr-only">{`（${name}）`}</span>
          </Button>
        ))}
      </div>
      {change.isError && <ErrorAlert error={change.error} />}
    </div>
  );
}

function PeriodRow({
  period,
  editionHref,
  onDone,
}: {
  period: ReportingPeriod;
  editionHref: (id: number) => string;
  onDone: (message: string) => void;
}) {
  const [editing, setEditing] = useState(false);
  const name = periodName(period);
  return (
    <>
      <tr>
        <th scope="row" className={`${cell} text-std-16B-170`}>
          {name}
        </th>
        <td className={nowrap}>{fiscalYearLabel(period.fiscal_year)}</td>
        <td className={cell}>{formatDate(period.opens_on)}</td>
        <td className={cell}>{formatDate(period.deadline)}</td>
        <td className={cell}>
          <PeriodStateBadge state={period.state} />
          <Editions periodId={period.id} editionHref={editionHref} />
        </td>
        <td className={cell}>
          <div className="flex flex-col gap-2">
            <Actions period={period} onDone={onDone} />
            {/* A published period's dates are part of what was published: the server refuses to change them. */}
            {period.state !== 'published' && (
              <div>
                <Button variant="tertiary" size="sm" aria-expanded={editing} onClick={() => setEditing(!editing)}>
                  {text.changeDates}
                  <span className="sr-only">{`（${name}）`}</span>
                </Button>
              </div>
            )}
          </div>
        </td>
      </tr>
      {editing && (
        <tr>
          <td colSpan={6} className={`${cell} bg-blue-50`}>
            <PeriodDatesForm
              period={period}
              onDone={(message) => {
                setEditing(false);
                if (message) onDone(message);
              }}
            />
          </td>
        </tr>
      )}
    </>
  );
}

/** 報告期間: the plan's periods with their dates and state, the life-cycle buttons, and a form for a new one. */
export function PeriodsAdmin({ planId, editionHref }: { planId: number; editionHref: (id: number) => string }) {
  const periods = usePeriods(planId);
  const [notice, setNotice] = useState<string | null>(null);

  return (
    <div>
      <StatusNotice>{notice}</StatusNotice>
      <div className="flex flex-col gap-10">
        {periods.isPending ? (
          <Loading />
        ) : periods.isError ? (
          <ErrorAlert error={periods.error} />
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full min-w-[56rem] border-collapse">
              <caption className="text-left text-std-20B-150">{text.listCaption}</caption>
              <thead>
                <tr className="bg-solid-gray-50">
                  <th scope="col" className={cell}>
                    {text.name}
                  </th>
                  <th scope="col" className={cell}>
                    {text.fiscalYear}
                  </th>
                  <th scope="col" className={cell}>
                    {text.opensOn}
                  </th>
                  <th scope="col" className={cell}>
                    {text.deadline}
                  </th>
                  <th scope="col" className={cell}>
                    {text.state}
                  </th>
                  <th scope="col" className={cell}>
                    {text.operations}
                  </th>
                </tr>
              </thead>
              <tbody>
                {periods.data.length === 0 && (
                  <tr>
                    <td colSpan={6} className={cell}>
                      {text.empty}
                    </td>
                  </tr>
                )}
                {sortPeriods(periods.data).map((p) => (
                  <PeriodRow key={p.id} period={p} editionHref={editionHref} onDone={setNotice} />
                ))}
              </tbody>
            </table>
          </div>
        )}
        <PeriodCreateForm planId={planId} onCreated={(p) => setNotice(text.created(periodName(p)))} />
      </div>
    </div>
  );
}
