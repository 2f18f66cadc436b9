import type { FormEvent } from 'react';
import type { components } from '@/api/schema';
import { ErrorAlert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { TextAreaField, TextField } from '@/components/ui/form-field';
import { ApiError } from '@/lib/api-error';
import { changedFields } from '@/lib/changes';
import { messages } from '@/lib/messages';
import { useUpdateRow } from '../../api/update-row';
import type { InitiativeRow } from '../../utils/plan-tree';
import { readText } from './form-values';

type UpdateRow = components['schemas']['UpdateRow'];

const text = messages.planEdit;

/** A row's 取組項目 and 内容 (the row's heading, 担当課 and other tools are around it, in RowEditor). */
export function RowForm({ row, itemLabel, onSaved }: { row: InitiativeRow; itemLabel: string; onSaved: () => void }) {
  const mutation = useUpdateRow();
  const fieldError = (field: string) =>
    mutation.error instanceof ApiError ? mutation.error.fieldError(field) : undefined;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const changes = changedFields<UpdateRow>(row, { name: readText(form, 'name'), content: readText(form, 'content') });
    if (Object.keys(changes).length > 0) mutation.mutate({ id: row.id, ...changes }, { onSuccess: onSaved });
  }

  return (
    <form onSubmit={submit} aria-label={text.editRow(row.name)} className="flex flex-col gap-3" noValidate>
      {mutation.isError && <ErrorAlert error={mutation.error} />}
      <TextField
        label={itemLabel || text.rowName}
        name="name"
        defaultValue={row.name}
        required
        maxLength={200}
        error={fieldError('name')}
      />
      <TextAreaField
        label={text.rowContent}
        name="content"
        defaultValue={row.content}
        maxLength={5000}
        error={fieldError('content')}
      />
      <div>
        <Button type="submit" variant="secondary" disabled={mutation.isPending}>
          {messages.save}
        </Button>
      </div>
    </form>
  );
}
