import { useMutation } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';

/**
 * POST /api/v1/me/mfa/enrolment: a new secret with its QR code. Nothing changes for the login until a code
 * from the app confirms it; starting again replaces the secret.
 */
export function beginMfaEnrolment() {
  return unwrap(api.POST('/api/v1/me/mfa/enrolment'));
}

export function useBeginMfaEnrolment() {
  return useMutation({ mutationFn: beginMfaEnrolment });
}
