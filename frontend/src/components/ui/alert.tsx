import { createContext, useContext, type ReactNode } from 'react';
import { Link } from 'react-router';
import { ApiError, errorMessage } from '@/lib/api-error';
import { MFA_ENROLMENT_REQUIRED } from '@/lib/mfa-enrolment';
import { messages } from '@/lib/messages';

/**
 * Where the two-factor enrolment screen is, for error messages that must lead there; provided by the signed-in
 * app (components do not know the app's addresses). Without it the message stands alone.
 */
export const MfaEnrolmentHrefContext = createContext<string | null>(null);

function needsMfaEnrolment(error: unknown): boolean {
  return error instanceof ApiError && error.problem?.code === MFA_ENROLMENT_REQUIRED;
}

// role="alert" makes screen readers announce the error as soon as it appears. `message` replaces the server's
// text where the screen knows better what went wrong (a wrong code in the login's second step).
export function ErrorAlert({ error, message }: { error: unknown; message?: string }) {
  const enrolmentHref = useContext(MfaEnrolmentHrefContext);
  return (
    <div role="alert" className="rounded-8 border-2 border-error-1 bg-red-50 px-4 py-3">
      <p className="text-std-16B-170 text-error-2">{messages.errors.alertTitle}</p>
      <p>{message ?? errorMessage(error)}</p>
      {enrolmentHref && needsMfaEnrolment(error) && (
        <p className="mt-2">
          <Link to={enrolmentHref}>{messages.mfa.enrolLink}</Link>
        </p>
      )}
    </div>
  );
}

/**
 * The result of an action ("…を追加しました。"), for the top of a screen. The role="status" region is always
 * rendered, empty when there is nothing to say, because screen readers only announce changes inside a live region
 * that already existed. Place it outside flex gaps: its own margin spaces it only when it shows something.
 */
export function StatusNotice({ children }: { children?: ReactNode }) {
  return (
    <div role="status">
      {children && <div className="mb-8 rounded-8 border-2 border-success-1 bg-green-50 px-4 py-3">{children}</div>}
    </div>
  );
}

/** A one-time secret (initial or temporary password) that the admin must pass on now; for inside StatusNotice. */
export function Secret({ text, secret }: { text: string; secret: string }) {
  return (
    <>
      <p>{text}</p>
      <p className="mt-2">
        <code className="rounded-4 border border-solid-gray-420 bg-white px-2 py-1 font-mono text-mono-17B-150 select-all">
          {secret}
        </code>
      </p>
    </>
  );
}

export function Loading() {
  return (
    <p role="status" className="text-solid-gray-700">
      {messages.loading}
    </p>
  );
}
