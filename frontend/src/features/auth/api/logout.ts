import { useMutation } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';
import { endSession } from '@/lib/session';

/** DELETE /api/v1/sessions/current */
export function logout() {
  return unwrap(api.DELETE('/api/v1/sessions/current'));
}

// The tokens are forgotten here even when the server could not be told: the person asked to leave, and a
// session left open on the server expires by itself.
export function useLogout() {
  return useMutation({ mutationFn: logout, onSettled: () => endSession({ expired: false }) });
}
