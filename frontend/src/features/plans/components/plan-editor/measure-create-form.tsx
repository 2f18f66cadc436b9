import type { FormEvent } from 'react';
import type { components } from '@/api/schema';
import { ErrorAlert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { TextAreaField, TextField } from '@/components/ui/form-field';
import { ApiError } from '@/lib/api-error';
import { messages } from '@/lib/messages';
import { useCreateMeasure } from '../../api/create-measure';
import { nextNumber } from '../../utils/structure';
import { focusIds, usePlanEditor } from './editor-context';
import { readOptionalText, readText } from './form-values';

type MeasureKind = components['schemas']['MeasureKind'];

const text = messages.planStructure;

/** A new 基本施策 or 重点施策, added with the next number (the order can be changed afterwards). */
export function MeasureCreateForm({ kind, numbers }: { kind: MeasureKind; numbers: number[] }) {
  const { tree, notify, focusLater, setMeasureOpen } = usePlanEditor();
  const mutation = useCreateMeasure();
  const kindName = messages.measureKinds[kind];
  const number = nextNumber(numbers);
  const fieldError = (field: string) =>
    mutation.error instanceof ApiError ? mutation.error.fieldError(field) : undefined;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    mutation.mutate(
      {
        planId: tree.plan.id,
        kind,
        number,
        title: readText(data, 'title'),
        table_title: readOptionalText(data, 'table_title'),
        description: readText(data, 'description'),
        item_label: readOptionalText(data, 'item_label'),
      },
      {
        onSuccess: (measure) => {
          form.reset();
          notify(text.measureAdded(text.measureLabel(kindName, measure.number)));
          setMeasureOpen(measure.id, true);
          focusLater(focusIds.measure(measure.id));
        },
      },
    );
  }

  return (
    <details className="rounded-8 border border-dashed border-solid-gray-600">
      <summary className="cursor-pointer px-4 py-3 text-std-17B-170 text-blue-900">{text.addMeasure(kindName)}</summary>
      <form
        onSubmit={submit}
        aria-label={text.addMeasure(kindName)}
        className="flex flex-col gap-4 border-t border-solid-gray-420 p-4"
        noValidate
      >
        <p>{text.addMeasureLead(kindName, number)}</p>
        {mutation.isError && !fieldError('title') && <ErrorAlert error={mutation.error} />}
        <div className="grid gap-4 md:grid-cols-2">
          <TextField
            label={messages.planEdit.measureTitle}
            name="title"
            required
            maxLength={200}
            error={fieldError('title')}
          />
          <TextField
            label={messages.planEdit.measureTableTitle}
            name="table_title"
            hint={messages.planEdit.measureTableTitleHint}
            maxLength={200}
            error={fieldError('table_title')}
          />
        </div>
        <TextAreaField
          label={messages.planEdit.description}
          name="description"
          maxLength={5000}
          error={fieldError('description')}
        />
        <TextField
          label={messages.planEdit.itemLabel}
          name="item_label"
          defaultValue={messages.planEdit.rowName}
          maxLength={50}
          error={fieldError('item_label')}
        />
        <div>
          <Button type="submit" disabled={mutation.isPending}>
            {text.add}
          </Button>
        </div>
      </form>
    </details>
  );
}
