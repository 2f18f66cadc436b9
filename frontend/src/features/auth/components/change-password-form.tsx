import { useState, type FormEvent } from 'react';
import { ErrorAlert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/form-field';
import { ApiError } from '@/lib/api-error';
import { formText } from '@/lib/form-data';
import { messages } from '@/lib/messages';
import { useChangePassword } from '../api/change-password';

/** Password change; `onSuccess` runs after the new password is in force (the form is emptied first). */
export function ChangePasswordForm({ onSuccess }: { onSuccess?: () => void } = {}) {
  const mutation = useChangePassword();
  // Checked here because the API never sees the confirmation: it only guards against a typo.
  const [mismatch, setMismatch] = useState(false);
  const fieldError = (field: string) =>
    mutation.error instanceof ApiError ? mutation.error.fieldError(field) : undefined;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const next = formText(form, 'new_password');
    const isMismatch = next !== formText(form, 'confirm_password');
    setMismatch(isMismatch);
    if (isMismatch) return;
    const target = event.currentTarget;
    mutation.mutate(
      { current_password: formText(form, 'current_password'), new_password: next },
      {
        onSuccess: () => {
          target.reset();
          onSuccess?.();
        },
      },
    );
  }

  return (
    <form onSubmit={submit} className="flex flex-col gap-6" noValidate>
      {mutation.isError && <ErrorAlert error={mutation.error} />}
      <TextField
        label={messages.changePassword.current}
        name="current_password"
        type="password"
        autoComplete="current-password"
        required
        error={fieldError('current_password')}
      />
      <TextField
        label={messages.changePassword.next}
        name="new_password"
        type="password"
        autoComplete="new-password"
        hint={messages.changePassword.nextHint}
        required
        error={fieldError('new_password')}
      />
      <TextField
        label={messages.changePassword.confirm}
        name="confirm_password"
        type="password"
        autoComplete="new-password"
        required
        error={mismatch ? messages.changePassword.mismatch : undefined}
      />
      <Button type="submit" disabled={mutation.isPending}>
        {mutation.isPending ? messages.saving : messages.changePassword.submit}
      </Button>
    </form>
  );
}
