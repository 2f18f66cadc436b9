import type { FormEvent } from 'react';
import { ErrorAlert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/form-field';
import { ApiError } from '@/lib/api-error';
import { messages } from '@/lib/messages';
import { useCreateGroup } from '../../api/create-group';
import { useDeleteGroup } from '../../api/delete-group';
import { useRenameGroup } from '../../api/rename-group';
import { placedRows, relatedLabel } from '../../utils/plan-tree';
import { usePlanEditor } from './editor-context';
import { readText } from './form-values';

const text = messages.planStructure;

/** Renames one group (the name the related rows are shown under). */
function RenameGroupForm({ id, name }: { id: number; name: string }) {
  const { notify } = usePlanEditor();
  const rename = useRenameGroup();
  const fieldError = rename.error instanceof ApiError ? rename.error.fieldError('name') : undefined;
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const newName = readText(new FormData(event.currentTarget), 'name');
    rename.mutate({ id, name: newName }, { onSuccess: (group) => notify(text.groupRenamed(group.name)) });
  }
  return (
    <form
      onSubmit={submit}
      aria-label={text.renameGroup(name)}
      className="flex flex-col gap-2 md:flex-row md:items-end"
      noValidate
    >
      <div className="grow">
        {rename.isError && !fieldError && <ErrorAlert error={rename.error} />}
        <TextField
          label={text.groupNewName}
          name="name"
          required
          maxLength={200}
          defaultValue={name}
          error={fieldError}
        />
      </div>
      <Button type="submit" variant="secondary" size="sm" disabled={rename.isPending}>
        {text.rename}
      </Button>
    </form>
  );
}

/** The groups of related rows (健康相談 under three measures): their rows, a new group, renaming and deleting one. */
export function GroupsEditor() {
  const { tree, notify, focusLater } = usePlanEditor();
  const create = useCreateGroup();
  const remove = useDeleteGroup();
  const rows = placedRows(tree);
  const fieldError = create.error instanceof ApiError ? create.error.fieldError('name') : undefined;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const name = readText(new FormData(form), 'name');
    create.mutate(
      { planId: tree.plan.id, name },
      {
        onSuccess: (group) => {
          form.reset();
          notify(text.groupAdded(group.name));
        },
      },
    );
  }

  function onDelete(id: number, name: string) {
    if (!window.confirm(text.deleteGroupConfirm(name))) return;
    remove.mutate(id, {
      onSuccess: () => {
        notify(text.groupDeleted(name));
        focusLater('plan-groups');
      },
    });
  }

  return (
    <section aria-labelledby="plan-groups" className="flex flex-col gap-4">
      <h2 id="plan-groups" tabIndex={-1} className="text-std-24B-150">
        {text.groups}
      </h2>
      <p>{text.groupsLead}</p>
      {remove.isError && <ErrorAlert error={remove.error} />}
      {tree.groups.length === 0 ? (
        <p>{text.noGroups}</p>
      ) : (
        <ul className="flex flex-col gap-3">
          {tree.groups.map((group) => {
            const members = rows.filter((p) => p.row.group_id === group.id);
            return (
              <li key={group.id} className="flex flex-col gap-2 rounded-8 border border-solid-gray-420 p-4">
                <div className="flex flex-wrap items-center gap-3">
                  <span className="grow text-std-17B-170">
                    {group.name}（{text.groupMembers(members.length)}）
                  </span>
                  <Button
                    variant="secondary"
                    size="sm"
                    aria-label={text.deleteGroup(group.name)}
                    disabled={remove.isPending}
                    onClick={() => onDelete(group.id, group.name)}
                  >
                    {text.delete}
                  </Button>
                </div>
                {members.length > 0 && (
                  <ul className="list-disc pl-6 text-std-16N-170">
                    {members.map((p) => (
                      <li key={p.row.id}>{relatedLabel(p)}</li>
                    ))}
                  </ul>
                )}
                <RenameGroupForm key={group.name} id={group.id} name={group.name} />
              </li>
            );
          })}
        </ul>
      )}
      <form
        onSubmit={submit}
        aria-label={text.addGroup}
        className="flex flex-col gap-2 md:flex-row md:items-end"
        noValidate
      >
        <div className="grow">
          {create.isError && !fieldError && <ErrorAlert error={create.error} />}
          <TextField label={text.groupName} name="name" required maxLength={200} error={fieldError} />
        </div>
        <Button type="submit" variant="secondary" disabled={create.isPending}>
          {text.addGroup}
        </Button>
      </form>
    </section>
  );
}
