import type { FormEvent } from 'react';
import type { components } from '@/api/schema';
import { ErrorAlert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/form-field';
import { ApiError } from '@/lib/api-error';
import { changedFields } from '@/lib/changes';
import { formText } from '@/lib/form-data';
import { messages } from '@/lib/messages';
import { useUpdateUser } from '../api/update-user';
import { DepartmentSelect, readDepartmentId, readRole, RoleSelect, type Department } from './user-fields';

type UserView = components['schemas']['UserView'];
type UpdateUser = components['schemas']['UpdateUser'];

const text = messages.users;

/** Changes a user's name, role, department and whether the account may log in. */
export function UserEditForm({
  user,
  departments,
  onDone,
}: {
  user: UserView;
  departments: Department[];
  onDone: (message?: string) => void;
}) {
  const mutation = useUpdateUser();
  const fieldError = (field: string) =>
    mutation.error instanceof ApiError ? mutation.error.fieldError(field) : undefined;
  const headingId = `edit-user-${user.id}`;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const wanted: UpdateUser = {
      display_name: formText(form, 'display_name').trim(),
      role: readRole(form),
      department_id: readDepartmentId(form),
      active: form.get('active') === 'on',
    };
    const changes = changedFields<UpdateUser>(user, wanted);
    if (Object.keys(changes).length === 0) {
      onDone();
      return;
    }
    mutation.mutate(
      { id: user.id, ...changes },
      { onSuccess: (updated) => onDone(text.updated(updated.display_name)) },
    );
  }

  return (
    <form onSubmit={submit} aria-labelledby={headingId} className="flex flex-col gap-4 p-2" noValidate>
      <h3 id={headingId} className="text-std-18B-160">
        {text.editTitle(user.display_name)}
      </h3>
      {mutation.isError && <ErrorAlert error={mutation.error} />}
      <div className="grid gap-4 md:grid-cols-3">
        <TextField
          label={text.displayName}
          name="display_name"
          defaultValue={user.display_name}
          required
          maxLength={100}
          autoFocus
          error={fieldError('display_name')}
        />
        <RoleSelect defaultValue={user.role} error={fieldError('role')} />
        <DepartmentSelect
          departments={departments}
          defaultValue={user.department_id}
          error={fieldError('department_id')}
        />
      </div>
      <label className="flex items-center gap-2">
        <input type="checkbox" name="active" defaultChecked={user.active} className="size-6 accent-blue-900" />
        {text.activeLabel}
      </label>
      <div className="flex gap-2">
        <Button type="submit" size="sm" disabled={mutation.isPending}>
          {messages.save}
        </Button>
        <Button variant="secondary" size="sm" onClick={() => onDone()}>
          {messages.cancel}
        </Button>
      </div>
    </form>
  );
}
