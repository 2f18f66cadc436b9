import type { FormEvent } from 'react';
import type { components } from '@/api/schema';
import { ErrorAlert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { TextAreaField, TextField } from '@/components/ui/form-field';
import { ApiError } from '@/lib/api-error';
import { changedFields } from '@/lib/changes';
import { messages } from '@/lib/messages';
import { useUpdateMeasure } from '../../api/update-measure';
import { readOptionalText, readText } from './form-values';

type Measure = components['schemas']['Measure'];
type UpdateMeasure = components['schemas']['UpdateMeasure'];

const text = messages.planEdit;

/** The measure's heading, its longer title in the table, its description and the first column's header. */
export function MeasureForm({ measure, onSaved }: { measure: Measure; onSaved: () => void }) {
  const mutation = useUpdateMeasure();
  const fieldError = (field: string) =>
    mutation.error instanceof ApiError ? mutation.error.fieldError(field) : undefined;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const changes = changedFields<UpdateMeasure>(measure, {
      title: readText(form, 'title'),
      table_title: readOptionalText(form, 'table_title'),
      description: readText(form, 'description'),
      item_label: readText(form, 'item_label'),
    });
    if (Object.keys(changes).length > 0) mutation.mutate({ id: measure.id, ...changes }, { onSuccess: onSaved });
  }

  return (
    <form onSubmit={submit} className="flex flex-col gap-4" noValidate>
      {mutation.isError && <ErrorAlert error={mutation.error} />}
      <div className="grid gap-4 md:grid-cols-2">
        <TextField
          label={text.measureTitle}
          name="title"
          defaultValue={measure.title}
          required
          maxLength={200}
          error={fieldError('title')}
        />
        <TextField
          label={text.measureTableTitle}
          name="table_title"
          hint={text.measureTableTitleHint}
          defaultValue={measure.table_title ?? ''}
          maxLength={200}
          error={fieldError('table_title')}
        />
      </div>
      <TextAreaField
        label={text.description}
        name="description"
        defaultValue={measure.description}
        maxLength={5000}
        error={fieldError('description')}
      />
      <TextField
        label={text.itemLabel}
        name="item_label"
        defaultValue={measure.item_label}
        required
        maxLength={50}
        error={fieldError('item_label')}
      />
      <div>
        <Button type="submit" disabled={mutation.isPending}>
          {messages.save}
        </Button>
      </div>
    </form>
  );
}
