import type { FormEvent } from 'react';
import { ErrorAlert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { SelectField } from '@/components/ui/form-field';
import { formText } from '@/lib/form-data';
import { messages } from '@/lib/messages';
import { useUpdateRow } from '../../api/update-row';
import type { InitiativeRow } from '../../utils/plan-tree';
import { usePlanEditor } from './editor-context';

const text = messages.planStructure;

/** Which group of related rows (the same 事業 under several measures) the row belongs to. */
export function RowGroupForm({ row, onDone }: { row: InitiativeRow; onDone: () => void }) {
  const { tree, notify } = usePlanEditor();
  const mutation = useUpdateRow();

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const value = formText(new FormData(event.currentTarget), 'group_id');
    const groupId = value ? Number(value) : null;
    if (groupId === (row.group_id ?? null)) {
      onDone();
      return;
    }
    mutation.mutate(
      { id: row.id, group_id: groupId },
      {
        onSuccess: () => {
          notify(text.groupSaved(row.name));
          onDone();
        },
      },
    );
  }

  return (
    <form
      onSubmit={submit}
      aria-label={`${row.name} ${text.group}`}
      className="flex flex-col gap-3 rounded-8 bg-solid-gray-50 p-4"
      noValidate
    >
      {mutation.isError && <ErrorAlert error={mutation.error} />}
      <SelectField
        label={text.groupLabel}
        name="group_id"
        hint={text.groupHint}
        defaultValue={row.group_id ? String(row.group_id) : ''}
      >
        <option value="">{text.noGroup}</option>
        {tree.groups.map((group) => (
          <option key={group.id} value={group.id}>
            {group.name}
          </option>
        ))}
      </SelectField>
      <div>
        <Button type="submit" disabled={mutation.isPending}>
          {messages.save}
        </Button>
      </div>
    </form>
  );
}
