// Whether the server refused an admin action because the account has no second factor yet (403
// `mfa_enrolment_required`, when the server runs with REQUIRE_ADMIN_MFA). The API client notes every such
// answer here, and the signed-in layout shows a banner leading to the enrolment screen until the factor is on.

import { useSyncExternalStore } from 'react';

export const MFA_ENROLMENT_REQUIRED = 'mfa_enrolment_required';

let required = false;
const listeners = new Set<() => void>();

function publish(next: boolean) {
  if (required === next) return;
  required = next;
  for (const listener of listeners) listener();
}

/** The server just refused an admin action for want of a second factor. */
export function noteMfaEnrolmentRequired(): void {
  publish(true);
}

/** The factor is on now (or someone else signed in): the banner goes. */
export function clearMfaEnrolmentRequired(): void {
  publish(false);
}

export function isMfaEnrolmentRequired(): boolean {
  return required;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useMfaEnrolmentRequired(): boolean {
  return useSyncExternalStore(subscribe, isMfaEnrolmentRequired);
}
