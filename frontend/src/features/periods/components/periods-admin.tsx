import { useState, type FormEvent } from 'react';
import { ErrorAlert, Loading, StatusNotice } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { TextAreaField } from '@/components/ui/form-field';
import { fiscalYearLabel, formatDate } from '@/lib/dates';
import { messages } from '@/lib/messages';
import { useChangePeriodState, type PeriodTransition } from '../api/change-period-state';
import { usePeriods } from '../api/get-periods';
import { useCorrectPeriod, usePeriodEditions } from '../api/period-editions';
import { periodName, periodTransitions, sortPeriods, type ReportingPeriod } from '../utils/periods';
import { PeriodCreateForm } from './period-create-form';
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

function Actions({ period, onDone }: { period: ReportingPeriod; onDone: (message: string) => void }) {
  const change = useChangePeriodState();
  const name = periodName(period);
  if (period.state === 'published') return <CorrectForm period={period} onDone={onDone} />;

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
                  <tr key={p.id}>
                    <th scope="row" className={`${cell} text-std-16B-170`}>
                      {periodName(p)}
                    </th>
                    <td className={nowrap}>{fiscalYearLabel(p.fiscal_year)}</td>
                    <td className={cell}>{formatDate(p.opens_on)}</td>
                    <td className={cell}>{formatDate(p.deadline)}</td>
                    <td className={cell}>
                      <PeriodStateBadge state={p.state} />
                      <Editions periodId={p.id} editionHref={editionHref} />
                    </td>
                    <td className={cell}>
                      <Actions period={p} onDone={setNotice} />
                    </td>
                  </tr>
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
