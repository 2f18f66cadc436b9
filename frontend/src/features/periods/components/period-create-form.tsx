import { useState, type FormEvent } from 'react';
import type { components } from '@/api/schema';
import { ErrorAlert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { SelectField, TextField } from '@/components/ui/form-field';
import { ApiError } from '@/lib/api-error';
import { fiscalYearLabel, japanDay } from '@/lib/dates';
import { formText } from '@/lib/form-data';
import { messages } from '@/lib/messages';
import { useCreatePeriod } from '../api/create-period';
import type { ReportingPeriod } from '../utils/periods';

type PeriodKind = components['schemas']['PeriodKind'];

const text = messages.periods;
const KINDS: PeriodKind[] = ['first_half', 'full_year', 'custom'];

/** The fiscal year (April–March) a day falls in. */
function fiscalYearOf(day: string): number {
  const year = Number(day.slice(0, 4));
  return Number(day.slice(5, 7)) >= 4 ? year : year - 1;
}

/** 報告期間の追加: 年度, 種類 (上半期 / 年間 / 任意の基準日), dates. The new period starts 準備中. */
export function PeriodCreateForm({
  planId,
  onCreated,
}: {
  planId: number;
  onCreated: (period: ReportingPeriod) => void;
}) {
  const current = fiscalYearOf(japanDay(new Date()));
  const years = [current - 1, current, current + 1];
  const [kind, setKind] = useState<PeriodKind>('first_half');
  const create = useCreatePeriod();
  const fieldError = (field: string) => (create.error instanceof ApiError ? create.error.fieldError(field) : undefined);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const value = (name: string) => formText(form, name);
    create.mutate(
      {
        planId,
        fiscal_year: Number(value('fiscal_year')),
        kind,
        as_of: kind === 'custom' ? value('as_of') : null,
        opens_on: value('opens_on'),
        deadline: value('deadline'),
      },
      {
        onSuccess: (period) => {
          (event.target as HTMLFormElement).reset();
          setKind('first_half');
          onCreated(period);
        },
      },
    );
  }

  return (
    <form onSubmit={submit} aria-labelledby="period-create" className="flex flex-col gap-4">
      <h2 id="period-create" className="text-std-24B-150 text-solid-gray-900">
        {text.create}
      </h2>
      {create.isError && <ErrorAlert error={create.error} />}
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField
          label={text.fiscalYear}
          name="fiscal_year"
          defaultValue={current}
          required
          error={fieldError('fiscal_year')}
        >
          {years.map((y) => (
            <option key={y} value={y}>
              {text.fiscalYearOption(fiscalYearLabel(y), y)}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={text.kind}
          name="kind"
          value={kind}
          onChange={(event) => setKind(event.target.value as PeriodKind)}
          required
          error={fieldError('kind')}
        >
          {KINDS.map((k) => (
            <option key={k} value={k}>
              {text.kindOption[k]}
            </option>
          ))}
        </SelectField>
        {kind === 'custom' && (
          <TextField label={text.asOf} name="as_of" type="date" required error={fieldError('as_of')} />
        )}
        <TextField label={text.opensOn} name="opens_on" type="date" required error={fieldError('opens_on')} />
        <TextField
          label={text.deadline}
          name="deadline"
          type="date"
          required
          hint={text.deadlineHint}
          error={fieldError('deadline')}
        />
      </div>
      <div>
        <Button type="submit" disabled={create.isPending}>
          {create.isPending ? messages.saving : text.createSubmit}
        </Button>
      </div>
    </form>
  );
}
