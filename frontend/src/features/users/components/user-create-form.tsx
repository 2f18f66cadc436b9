import type { FormEvent } from 'react';
import { ErrorAlert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/form-field';
import { ApiError } from '@/lib/api-error';
import { formText } from '@/lib/form-data';
import { messages } from '@/lib/messages';
import { useCreateUser } from '../api/create-user';
import { DepartmentSelect, readDepartmentId, readRole, RoleSelect, type Department } from './user-fields';

const text = messages.users;

/** Registers a user with a generated initial password, handed to `onCreated` to be shown once. */
export function UserCreateForm({
  departments,
  onCreated,
}: {
  departments: Department[];
  onCreated: (loginId: string, initialPassword: string | null) => void;
}) {
  const mutation = useCreateUser();
  const fieldError = (field: string) =>
    mutation.error instanceof ApiError ? mutation.error.fieldError(field) : undefined;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    mutation.mutate(
      {
        login_id: formText(form, 'login_id').trim(),
        display_name: formText(form, 'display_name').trim(),
        role: readRole(form),
        department_id: readDepartmentId(form),
      },
      {
        onSuccess: (created) => {
          formElement.reset();
          onCreated(created.user.login_id, created.initial_password ?? null);
        },
      },
    );
  }

  return (
    <form
      onSubmit={submit}
      aria-labelledby="create-user"
      className="flex flex-col gap-4 rounded-8 bg-solid-gray-50 p-4"
      noValidate
    >
      <h2 id="create-user" className="text-std-20B-150">
        {text.create}
      </h2>
      {mutation.isError && <ErrorAlert error={mutation.error} />}
      <div className="grid gap-4 md:grid-cols-2">
        <TextField
          label={text.loginId}
          name="login_id"
          hint={text.loginIdHint}
          required
          autoCapitalize="none"
          spellCheck={false}
          error={fieldError('login_id')}
        />
        <TextField
          label={text.displayName}
          name="display_name"
          required
          maxLength={100}
          error={fieldError('display_name')}
        />
        <RoleSelect error={fieldError('role')} />
        <DepartmentSelect departments={departments} error={fieldError('department_id')} />
      </div>
      <div>
        <Button type="submit" disabled={mutation.isPending}>
          {text.createSubmit}
        </Button>
      </div>
    </form>
  );
}
