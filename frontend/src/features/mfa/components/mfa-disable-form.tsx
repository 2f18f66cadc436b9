import { useState, type FormEvent } from 'react';
import { ErrorAlert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/form-field';
import { ApiError } from '@/lib/api-error';
import { messages } from '@/lib/messages';
import { useDisableMfa } from '../api/disable';

const text = messages.mfa;

/** Switches two-factor authentication off, confirmed with an app code or a recovery code. */
export function MfaDisableForm({ admin, onDisabled }: { admin: boolean; onDisabled: () => void }) {
  const disable = useDisableMfa();
  const [code, setCode] = useState('');
  const [missing, setMissing] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const trimmed = code.trim();
    setMissing(!trimmed);
    if (!trimmed || !window.confirm(text.disableConfirm)) return;
    // mutateAsync: the caller hears of success even though this form goes away once the account shows 無効.
    try {
      await disable.mutateAsync(trimmed);
      onDisabled();
    } catch {
      // shown from disable.error
    }
  }

  const serverFieldError = disable.error instanceof ApiError ? disable.error.fieldError('code') : undefined;

  return (
    <form
      onSubmit={(event) => void submit(event)}
      aria-labelledby="mfa-disable"
      className="flex max-w-md flex-col gap-4"
      noValidate
    >
      <h3 id="mfa-disable" className="text-std-20B-150">
        {text.disableTitle}
      </h3>
      <p>{text.disableLead}</p>
      {admin && <p>{text.disabledAdminNote}</p>}
      {disable.isError && !serverFieldError && <ErrorAlert error={disable.error} />}
      <TextField
        label={text.disableCode}
        name="code"
        value={code}
        onChange={(event) => setCode(event.target.value)}
        autoComplete="one-time-code"
        autoCapitalize="none"
        spellCheck={false}
        maxLength={32}
        required
        error={missing ? text.disableRequired : serverFieldError}
      />
      <div>
        <Button type="submit" variant="secondary" disabled={disable.isPending}>
          {text.disableSubmit}
        </Button>
      </div>
    </form>
  );
}
