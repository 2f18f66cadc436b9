import type { FormEvent } from 'react';
import { ErrorAlert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/form-field';
import { ApiError } from '@/lib/api-error';
import { messages } from '@/lib/messages';
import { useLogin } from '../api/login';

export function LoginForm({ onSuccess }: { onSuccess: () => void }) {
  const loginMutation = useLogin();
  const fieldError = (field: string) =>
    loginMutation.error instanceof ApiError ? loginMutation.error.fieldError(field) : undefined;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    loginMutation.mutate(
      { login_id: String(form.get('login_id')), password: String(form.get('password')) },
      { onSuccess },
    );
  }

  return (
    <form onSubmit={submit} className="flex flex-col gap-6" noValidate>
      {loginMutation.isError && <ErrorAlert error={loginMutation.error} />}
      <TextField
        label={messages.login.loginId}
        name="login_id"
        autoComplete="username"
        autoCapitalize="none"
        spellCheck={false}
        required
        error={fieldError('login_id')}
      />
      <TextField
        label={messages.login.password}
        name="password"
        type="password"
        autoComplete="current-password"
        required
        error={fieldError('password')}
      />
      <Button type="submit" disabled={loginMutation.isPending}>
        {loginMutation.isPending ? messages.login.submitting : messages.login.submit}
      </Button>
    </form>
  );
}
