import { useMutation } from '@tanstack/react-query';
import type { components } from '@/api/schema';
import { api, unwrap } from '@/lib/api-client';
import { startSession } from '@/lib/session';

type ChangePassword = components['schemas']['ChangePassword'];

/** PUT /api/v1/me/password — ends every session of the user and answers with the tokens of a new one. */
export function changePassword(body: ChangePassword) {
  return unwrap(api.PUT('/api/v1/me/password', { body }));
}

export function useChangePassword() {
  return useMutation({ mutationFn: changePassword, onSuccess: startSession });
}
