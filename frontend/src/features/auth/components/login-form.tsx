import { useState, type FormEvent } from 'react';
import { ErrorAlert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/form-field';
import { ApiError } from '@/lib/api-error';
import { formText } from '@/lib/form-data';
import { messages } from '@/lib/messages';
import { useLogin } from '../api/login';
import { classifyLoginFailure, normalizeSecondFactor, type SecondFactor } from '../utils/login-steps';

const text = messages.login;

// After the password was accepted for an account with two-factor authentication, the login is sent again with
// the code. The password stays in this component's state (memory) for that one resubmission and goes with it:
// it is never stored anywhere else.
type Step = { kind: 'password' } | { kind: 'second-factor'; loginId: string; password: string };

/** Login: login ID and password, then, for accounts with two-factor authentication, the app's code. */
export function LoginForm({ onSuccess }: { onSuccess: () => void }) {
  const loginMutation = useLogin();
  const [step, setStep] = useState<Step>({ kind: 'password' });

  function toSecondStep(loginId: string, password: string) {
    loginMutation.reset(); // the 401 that led here is no error to show
    setStep({ kind: 'second-factor', loginId, password });
  }

  function backToPassword() {
    loginMutation.reset();
    setStep({ kind: 'password' });
  }

  if (step.kind === 'second-factor') {
    return (
      <SecondFactorForm
        pending={loginMutation.isPending}
        error={loginMutation.error}
        onSubmit={(otp) =>
          loginMutation.mutate({ login_id: step.loginId, password: step.password, otp }, { onSuccess })
        }
        onBack={backToPassword}
        onSwitch={() => loginMutation.reset()}
      />
    );
  }

  const fieldError = (field: string) =>
    loginMutation.error instanceof ApiError ? loginMutation.error.fieldError(field) : undefined;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const loginId = formText(form, 'login_id');
    const password = formText(form, 'password');
    loginMutation.mutate(
      { login_id: loginId, password },
      {
        onSuccess,
        onError: (error) => {
          if (classifyLoginFailure(error, false) === 'second-step') toSecondStep(loginId, password);
        },
      },
    );
  }

  const showError = loginMutation.isError && classifyLoginFailure(loginMutation.error, false) !== 'second-step';
  return (
    <form onSubmit={submit} className="flex flex-col gap-6" noValidate>
      {showError && <ErrorAlert error={loginMutation.error} />}
      <TextField
        label={text.loginId}
        name="login_id"
        autoComplete="username"
        autoCapitalize="none"
        spellCheck={false}
        required
        error={fieldError('login_id')}
      />
      <TextField
        label={text.password}
        name="password"
        type="password"
        autoComplete="current-password"
        required
        error={fieldError('password')}
      />
      <Button type="submit" disabled={loginMutation.isPending}>
        {loginMutation.isPending ? text.submitting : text.submit}
      </Button>
    </form>
  );
}

/** The second step: the 6-digit code of the authenticator app, or (after the switch) a recovery code. */
function SecondFactorForm({
  pending,
  error,
  onSubmit,
  onBack,
  onSwitch,
}: {
  pending: boolean;
  error: Error | null;
  onSubmit: (otp: string) => void;
  onBack: () => void;
  /** The user switched between app code and recovery code: an error about the other kind no longer applies. */
  onSwitch: () => void;
}) {
  const [kind, setKind] = useState<SecondFactor>('app');
  const [code, setCode] = useState('');
  const [invalid, setInvalid] = useState(false);
  const app = kind === 'app';

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const otp = normalizeSecondFactor(code, kind);
    setInvalid(otp === null);
    if (otp !== null) onSubmit(otp);
  }

  function switchKind() {
    setKind(app ? 'recovery' : 'app');
    setCode('');
    setInvalid(false);
    onSwitch();
  }

  // A refused code is said once, in the alert (as a refused password is); the field marks what to check.
  const failure = error ? classifyLoginFailure(error, true) : null;
  const wrongCode = failure === 'wrong-code' ? (app ? text.otpWrong : text.recoveryWrong) : undefined;
  const fieldError = invalid ? (app ? text.otpInvalidFormat : text.recoveryRequired) : undefined;

  return (
    <form onSubmit={submit} aria-labelledby="login-second-factor" className="flex flex-col gap-6" noValidate>
      <h2 id="login-second-factor" className="text-std-24B-150 text-solid-gray-900">
        {text.otpTitle}
      </h2>
      {error && failure !== 'second-step' && <ErrorAlert error={error} message={wrongCode} />}
      <p>{app ? text.otpLead : text.recoveryLead}</p>
      {/* The key makes a new field (empty, focused) when switching between the two kinds of code. */}
      <TextField
        key={kind}
        label={app ? text.otpCode : text.recoveryCode}
        hint={app ? text.otpHint : text.recoveryHint}
        name={app ? 'otp' : 'recovery_code'}
        value={code}
        onChange={(event) => setCode(event.target.value)}
        inputMode={app ? 'numeric' : 'text'}
        autoComplete={app ? 'one-time-code' : 'off'}
        autoCapitalize="none"
        spellCheck={false}
        maxLength={app ? 8 : 32}
        // The step appears in place of the password form after a click: the field to fill takes the focus.
        autoFocus
        required
        error={fieldError}
        aria-invalid={fieldError || wrongCode ? true : undefined}
      />
      <Button type="submit" disabled={pending}>
        {pending ? text.submitting : text.otpSubmit}
      </Button>
      <div className="flex flex-col items-start gap-2">
        <Button variant="tertiary" size="sm" onClick={switchKind}>
          {app ? text.useRecovery : text.useApp}
        </Button>
        <Button variant="tertiary" size="sm" onClick={onBack}>
          {text.back}
        </Button>
      </div>
      <p className="text-dns-16N-130 text-solid-gray-700">{text.noDevice}</p>
    </form>
  );
}
