import { useState, type FormEvent } from 'react';
import { ErrorAlert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { SelectField } from '@/components/ui/form-field';
import { ApiError } from '@/lib/api-error';
import { japanDay } from '@/lib/dates';
import { formText } from '@/lib/form-data';
import { messages } from '@/lib/messages';
import { useRowsReports } from '../../api/get-row-reports';
import { lastReportedAsOf, retirementChoices } from '../../utils/retirement';
import { usePlanEditor } from './editor-context';
import type { StructureItem } from './item-tools';

const text = messages.planStructure;

/**
 * 廃止する時期 of an item: the plan's periods after the last one the item (or a row under it) has reports in, and
 * 「次の報告期間から」. The server checks the same rule and names the field if the reports changed meanwhile.
 */
export function RetireForm({
  item,
  selectId,
  retire,
  pending,
  onRetired,
}: {
  item: StructureItem;
  /** The id of the form's box; the focus goes to its select. */
  selectId: string;
  retire: (retiredFrom: string) => Promise<unknown>;
  pending: boolean;
  onRetired: () => void;
}) {
  const { periods } = usePlanEditor();
  const reports = useRowsReports(item.rowIds);
  const [error, setError] = useState<unknown>(null);

  if (reports.isPending) return <p role="status">{text.retireLoading}</p>;
  if (reports.error) return <ErrorAlert error={reports.error} />;
  const choices = retirementChoices(periods, lastReportedAsOf(reports.lists), japanDay(new Date()));

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const value = formText(new FormData(event.currentTarget), 'retired_from');
    if (!value) return;
    setError(null);
    try {
      await retire(value);
      onRetired();
    } catch (e) {
      setError(e);
    }
  }

  const fieldError = error instanceof ApiError ? error.fieldError('retired_from') : undefined;
  return (
    <form
      id={selectId}
      onSubmit={(event) => void submit(event)}
      aria-label={text.retireOf(item.label)}
      className="flex flex-col gap-3 rounded-8 bg-yellow-50 p-4"
      noValidate
    >
      {error !== null && !fieldError && <ErrorAlert error={error} />}
      {choices.length === 0 ? (
        <p>{text.retireNoChoice}</p>
      ) : (
        <>
          <SelectField
            label={text.retireWhen}
            name="retired_from"
            hint={text.retireHint}
            defaultValue={choices[0]?.value}
            error={fieldError}
            required
          >
            {choices.map((choice) => (
              <option key={choice.value} value={choice.value}>
                {choice.label}
              </option>
            ))}
          </SelectField>
          <div>
            <Button type="submit" disabled={pending}>
              {text.retireAction}
            </Button>
          </div>
        </>
      )}
    </form>
  );
}
