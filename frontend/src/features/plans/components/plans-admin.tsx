import { useState, type FormEvent, type ReactNode } from 'react';
import type { components } from '@/api/schema';
import { ErrorAlert, Loading, StatusNotice } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { SelectField, TextField } from '@/components/ui/form-field';
import { ApiError } from '@/lib/api-error';
import { changedFields } from '@/lib/changes';
import { fiscalYearLabel, fiscalYearRangeLabel, japanDay } from '@/lib/dates';
import { formText } from '@/lib/form-data';
import { messages } from '@/lib/messages';
import { useCreatePlan } from '../api/create-plan';
import { usePlans } from '../api/get-plans';
import { useUpdatePlan } from '../api/update-plan';
import type { Plan } from '../utils/current-plan';

type UpdatePlan = components['schemas']['UpdatePlan'];

const text = messages.plans;
const cell = 'border-b border-solid-gray-420 px-3 py-2 text-left align-middle';

/** The API's first possible 年度 (令和元年度). */
const FIRST_YEAR = 2019;

/** The fiscal year (April–March) today falls in, in Japan. */
function thisFiscalYear(): number {
  const day = japanDay(new Date());
  const year = Number(day.slice(0, 4));
  return Number(day.slice(5, 7)) >= 4 ? year : year - 1;
}

/** 令和元年度 up to 20 years from now, and the plan's own years should they lie outside. */
function fiscalYears(...keep: (number | null | undefined)[]): number[] {
  const years = new Set<number>();
  for (let y = FIRST_YEAR; y <= thisFiscalYear() + 20; y++) years.add(y);
  for (const y of keep) if (y != null) years.add(y);
  return [...years].sort((a, b) => a - b);
}

/** `令和6〜10年度`, or 未設定. */
export function planTerm(plan: Pick<Plan, 'first_fiscal_year' | 'last_fiscal_year'>): string {
  return fiscalYearRangeLabel(plan.first_fiscal_year, plan.last_fiscal_year) ?? text.termUnset;
}

function YearSelect({
  name,
  label,
  value,
  error,
}: {
  name: string;
  label: string;
  value: number | null | undefined;
  error: string | undefined;
}) {
  return (
    <SelectField label={label} name={name} defaultValue={value ?? ''} error={error}>
      <option value="">{text.yearUnset}</option>
      {fiscalYears(value).map((y) => (
        <option key={y} value={y}>
          {text.yearOption(fiscalYearLabel(y), y)}
        </option>
      ))}
    </SelectField>
  );
}

type PlanValues = {
  municipality: string;
  name: string;
  table_title: string | null;
  first_fiscal_year: number | null;
  last_fiscal_year: number | null;
};

function readPlanForm(form: HTMLFormElement): PlanValues {
  const data = new FormData(form);
  const value = (name: string) => formText(data, name).trim();
  const year = (name: string) => (value(name) ? Number(value(name)) : null);
  return {
    municipality: value('municipality'),
    name: value('name'),
    table_title: value('table_title') || null,
    first_fiscal_year: year('first_fiscal_year'),
    last_fiscal_year: year('last_fiscal_year'),
  };
}

/** The fields of a plan, for adding one and for changing one; each shows the server's message for it. */
function PlanFields({ plan, fieldError }: { plan?: Plan; fieldError: (field: string) => string | undefined }) {
  return (
    <>
      <div className="grid gap-4 md:grid-cols-2">
        <TextField
          label={text.municipality}
          name="municipality"
          defaultValue={plan?.municipality}
          required
          maxLength={100}
          error={fieldError('municipality')}
        />
        <TextField
          label={text.name}
          name="name"
          defaultValue={plan?.name}
          required
          maxLength={200}
          error={fieldError('name')}
        />
        <YearSelect
          name="first_fiscal_year"
          label={text.firstFiscalYear}
          value={plan?.first_fiscal_year}
          error={fieldError('first_fiscal_year')}
        />
        <YearSelect
          name="last_fiscal_year"
          label={text.lastFiscalYear}
          value={plan?.last_fiscal_year}
          error={fieldError('last_fiscal_year')}
        />
      </div>
      <TextField
        label={text.tableTitle}
        name="table_title"
        defaultValue={plan?.table_title}
        maxLength={200}
        hint={plan ? undefined : text.tableTitleHint}
        required={plan !== undefined}
        error={fieldError('table_title')}
      />
    </>
  );
}

function CreatePlanForm({ onDone }: { onDone: (message: string) => void }) {
  const create = useCreatePlan();
  const fieldError = (field: string) => (create.error instanceof ApiError ? create.error.fieldError(field) : undefined);
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const { table_title, ...values } = readPlanForm(form);
    create.mutate(
      // An empty 表題 is left out, so the server gives the usual one.
      table_title ? { ...values, table_title } : values,
      {
        onSuccess: (created) => {
          form.reset();
          onDone(text.created(created.name));
        },
      },
    );
  }
  return (
    <form
      onSubmit={submit}
      aria-labelledby="create-plan"
      className="flex flex-col gap-4 rounded-8 bg-solid-gray-50 p-4"
      noValidate
    >
      <h2 id="create-plan" className="text-std-20B-150">
        {text.create}
      </h2>
      <p>{text.createLead}</p>
      {create.isError && <ErrorAlert error={create.error} />}
      <PlanFields fieldError={fieldError} />
      <div>
        <Button type="submit" disabled={create.isPending}>
          {text.createSubmit}
        </Button>
      </div>
    </form>
  );
}

function EditPlanForm({ plan, onDone }: { plan: Plan; onDone: (message?: string) => void }) {
  const update = useUpdatePlan();
  const [unchanged, setUnchanged] = useState(false);
  const fieldError = (field: string) => (update.error instanceof ApiError ? update.error.fieldError(field) : undefined);
  const headingId = `edit-plan-${plan.id}`;
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const values = readPlanForm(event.currentTarget);
    // The 表題 cannot be removed, only replaced: an empty field is sent as it is, for the server to refuse.
    const changes = changedFields<UpdatePlan>(plan, { ...values, table_title: values.table_title ?? '' });
    setUnchanged(Object.keys(changes).length === 0);
    if (Object.keys(changes).length === 0) return;
    update.mutate({ id: plan.id, ...changes }, { onSuccess: (updated) => onDone(text.updated(updated.name)) });
  }
  return (
    <form onSubmit={submit} aria-labelledby={headingId} className="flex flex-col gap-4 py-2" noValidate>
      <h3 id={headingId} className="text-std-18B-160">
        {text.editTitle(plan.name)}
      </h3>
      {update.isError && <ErrorAlert error={update.error} />}
      {unchanged && <p role="status">{text.unchanged}</p>}
      <PlanFields plan={plan} fieldError={fieldError} />
      <div className="flex flex-wrap gap-2">
        <Button type="submit" size="sm" disabled={update.isPending}>
          {messages.save}
        </Button>
        <Button variant="secondary" size="sm" onClick={() => onDone()}>
          {messages.cancel}
        </Button>
      </div>
    </form>
  );
}

function PlanRow({ plan, onDone }: { plan: Plan; onDone: (message: string) => void }) {
  const [editing, setEditing] = useState(false);
  const archive = useUpdatePlan();
  const archived = Boolean(plan.archived_at);

  function toggleArchived() {
    if (!archived && !window.confirm(text.archiveConfirm(plan.name))) return;
    archive.mutate(
      { id: plan.id, archived: !archived },
      {
        onSuccess: (p) => onDone(p.archived_at ? text.archivedNotice(p.name) : text.unarchivedNotice(p.name)),
      },
    );
  }

  return (
    <>
      <tr className={archived ? 'bg-solid-gray-50' : undefined}>
        <th scope="row" className={`${cell} text-std-16B-170`}>
          {plan.name}
        </th>
        <td className={cell}>{plan.municipality}</td>
        <td className={cell}>{planTerm(plan)}</td>
        <td className={cell}>
          {archived ? <Badge tone="gray">{text.archived}</Badge> : <Badge tone="green">{text.active}</Badge>}
        </td>
        <td className={cell}>
          {archive.isError && <ErrorAlert error={archive.error} />}
          <div className="flex flex-wrap gap-2">
            <Button variant="tertiary" size="sm" onClick={() => setEditing(true)} disabled={editing}>
              {messages.edit}
              <span className="sr-only">{text.rowSuffix(plan.name)}</span>
            </Button>
            <Button variant="tertiary" size="sm" disabled={archive.isPending} onClick={toggleArchived}>
              {archived ? text.unarchive : text.archive}
              <span className="sr-only">{text.rowSuffix(plan.name)}</span>
            </Button>
          </div>
        </td>
      </tr>
      {editing && (
        <tr>
          <td colSpan={5} className={cell}>
            <EditPlanForm
              plan={plan}
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

/** 計画の管理: the city's plans with their 計画期間 and state; add, change, archive and take back. */
export function PlansAdmin() {
  const plans = usePlans();
  const [notice, setNotice] = useState<ReactNode>(null);
  return (
    <div>
      <StatusNotice>{notice}</StatusNotice>
      <div className="flex flex-col gap-10">
        {plans.isPending ? (
          <Loading />
        ) : plans.isError ? (
          <ErrorAlert error={plans.error} />
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full min-w-[44rem] border-collapse">
              <caption className="pb-2 text-left text-std-20B-150">{text.listCaption}</caption>
              <thead className="bg-solid-gray-50">
                <tr>
                  {[text.name, text.municipality, text.term, text.state, text.operations].map((h) => (
                    <th key={h} scope="col" className={cell}>
                      {h}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {plans.data.length === 0 && (
                  <tr>
                    <td colSpan={5} className={cell}>
                      {text.empty}
                    </td>
                  </tr>
                )}
                {plans.data.map((p) => (
                  <PlanRow key={p.id} plan={p} onDone={setNotice} />
                ))}
              </tbody>
            </table>
          </div>
        )}
        <CreatePlanForm onDone={setNotice} />
      </div>
    </div>
  );
}
