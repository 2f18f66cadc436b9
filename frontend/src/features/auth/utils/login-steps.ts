// The login's two steps as plain functions: which step a refused login leads to, and what a code typed in the
// second step must look like before it is sent.

import { ApiError } from '@/lib/api-error';
import { normalizeAppCode } from '@/lib/otp';

/** How the second step is answered: the authenticator app's 6-digit code, or one of the recovery codes. */
export type SecondFactor = 'app' | 'recovery';

/**
 * What a failed login means for the form:
 * - `second-step`: the password was right and the account has two-factor authentication (401 `mfa_required`);
 * - `wrong-code`: in the second step, the code was refused (the server answers as for a wrong password);
 * - `error`: anything else, shown with the server's message.
 */
export type LoginFailure = 'second-step' | 'wrong-code' | 'error';

export function classifyLoginFailure(error: unknown, inSecondStep: boolean): LoginFailure {
  if (!(error instanceof ApiError) || error.status !== 401) return 'error';
  if (error.problem?.code === 'mfa_required') return 'second-step';
  return inSecondStep && error.problem?.code === 'invalid_credentials' ? 'wrong-code' : 'error';
}

/**
 * The code to send, or null when it cannot be right: an app code is 6 digits (spaces people type between the
 * groups are dropped, full-width digits turned into ASCII), a recovery code anything non-empty (the server
 * ignores case and hyphens).
 */
export function normalizeSecondFactor(input: string, kind: SecondFactor): string | null {
  if (kind === 'recovery') {
    const code = input.trim();
    return code ? code : null;
  }
  return normalizeAppCode(input);
}
