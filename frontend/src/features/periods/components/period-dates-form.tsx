import type { FormEvent } from 'react';
import { ErrorAlert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/form-field';
import { ApiError } from '@/lib/api-error';
import { formText } from '@/lib/form-data';
import { messages } from '@/lib/messages';
import { useUpdatePeriod } from '../api/update-period';
import { periodName, type ReportingPeriod } from '../utils/periods';

const text = messages.periods;

/** 日程の変更: a period's 受付開始日 and 締切日; only the dates that changed are sent. */
export function PeriodDatesForm({ period, onDone }: { period: ReportingPeriod; onDone: (message?: string) => void }) {
  const update = useUpdatePeriod();
  const name = periodName(period);
  const headingId = `period-dates-${period.id}`;
  const fieldError = (field: string) => (update.error instanceof ApiError ? update.error.fieldError(field) : undefined);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const opensOn = formText(form, 'opens_on');
    const deadline = formText(form, 'deadline');
    const changes = {
      ...(opensOn !== period.opens_on ? { opens_on: opensOn } : {}),
      ...(deadline !== period.deadline ? { deadline } : {}),
    };
    if (Object.keys(changes).length === 0) {
      onDone(text.datesUnchanged);
      return;
    }
    update.mutate({ id: period.id, ...changes }, { onSuccess: () => onDone(text.datesChanged(name)) });
  }

  return (
    <form onSubmit={submit} aria-labelledby={headingId} className="flex max-w-2xl flex-col gap-4">
      <h3 id={headingId} className="text-std-18B-160">
        {text.datesTitle(name)}
      </h3>
      {update.isError && <ErrorAlert error={update.error} />}
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          label={text.opensOn}
          name="opens_on"
          type="date"
          defaultValue={period.opens_on}
          required
          error={fieldError('opens_on')}
        />
        <TextField
          label={text.deadline}
          name="deadline"
          type="date"
          defaultValue={period.deadline}
          required
          hint={text.deadlineHint}
          error={fieldError('deadline')}
        />
      </div>
      <div className="flex flex-wrap gap-3">
        <Button type="submit" size="sm" disabled={update.isPending}>
          {update.isPending ? messages.saving : text.datesSubmit}
        </Button>
        <Button variant="secondary" size="sm" onClick={() => onDone()}>
          {messages.cancel}
        </Button>
      </div>
    </form>
  );
}
