import type { ReactNode } from 'react';
import { errorMessage } from '@/lib/api-error';
import { messages } from '@/lib/messages';

// role="alert" makes screen readers announce the error as soon as it appears.
export function ErrorAlert({ error }: { error: unknown }) {
  return (
    <div role="alert" className="rounded-8 border-2 border-error-1 bg-red-50 px-4 py-3">
      <p className="text-std-16B-170 text-error-2">{messages.errors.alertTitle}</p>
      <p>{errorMessage(error)}</p>
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
