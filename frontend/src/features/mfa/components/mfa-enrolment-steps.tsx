import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { components } from '@/api/schema';
import { ErrorAlert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/form-field';
import { ApiError } from '@/lib/api-error';
import { messages } from '@/lib/messages';
import { normalizeAppCode } from '@/lib/otp';
import { useActivateMfa } from '../api/activate';
import { groupSecret, svgDataUrl } from '../utils/mfa';

type MfaEnrolment = components['schemas']['MfaEnrolment'];

const text = messages.mfa;

/**
 * Enrolment under way: the QR code and the secret for the authenticator app, then a code from the app to
 * confirm. `onActivated` gets the recovery codes, which the server hands out only in this answer.
 */
export function MfaEnrolmentSteps({
  enrolment,
  onActivated,
  onCancel,
}: {
  enrolment: MfaEnrolment;
  onActivated: (codes: string[]) => void;
  onCancel: () => void;
}) {
  const activate = useActivateMfa();
  const [code, setCode] = useState('');
  const [invalid, setInvalid] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);

  // The start button this replaces is gone: keyboard and screen reader users continue from the first step.
  useEffect(() => headingRef.current?.focus(), []);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const normalized = normalizeAppCode(code);
    setInvalid(normalized === null);
    if (normalized === null) return;
    // mutateAsync rather than mutate's callbacks: those are skipped when this form is gone by then, and the codes
    // must reach the caller in any case — this answer is the only one that carries them.
    try {
      const { codes } = await activate.mutateAsync(normalized);
      onActivated(codes);
    } catch {
      // shown from activate.error
    }
  }

  const serverFieldError = activate.error instanceof ApiError ? activate.error.fieldError('code') : undefined;
  const fieldError = invalid ? text.codeInvalidFormat : serverFieldError;

  return (
    <div className="flex flex-col gap-6">
      <p>{text.apps}</p>
      <section aria-labelledby="mfa-step1" className="flex flex-col gap-3">
        <h3 id="mfa-step1" ref={headingRef} tabIndex={-1} className="text-std-20B-150 focus:outline-none">
          {text.step1}
        </h3>
        <img
          src={svgDataUrl(enrolment.qr_svg)}
          alt={text.qrAlt}
          width={208}
          height={208}
          className="size-52 border border-solid-gray-420 bg-white"
          data-testid="mfa-qr"
        />
        <p>{text.step1Manual}</p>
        <dl className="flex flex-col gap-1">
          <dt className="text-std-16B-170">{text.secretLabel}</dt>
          <dd>
            <code
              data-testid="mfa-secret"
              className="inline-block rounded-4 border border-solid-gray-420 bg-white px-2 py-1 font-mono text-mono-17B-150 tracking-wider break-all select-all"
            >
              {groupSecret(enrolment.secret)}
            </code>
          </dd>
        </dl>
      </section>
      <form
        onSubmit={(event) => void submit(event)}
        aria-labelledby="mfa-step2"
        className="flex max-w-md flex-col gap-4"
        noValidate
      >
        <h3 id="mfa-step2" className="text-std-20B-150">
          {text.step2}
        </h3>
        {activate.isError && !serverFieldError && <ErrorAlert error={activate.error} />}
        <TextField
          label={text.code}
          hint={text.codeHint}
          name="code"
          value={code}
          onChange={(event) => setCode(event.target.value)}
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={8}
          required
          error={fieldError}
        />
        <div className="flex flex-wrap gap-3">
          <Button type="submit" disabled={activate.isPending}>
            {activate.isPending ? text.activating : text.activate}
          </Button>
          <Button variant="secondary" onClick={onCancel} disabled={activate.isPending}>
            {text.cancel}
          </Button>
        </div>
      </form>
    </div>
  );
}
