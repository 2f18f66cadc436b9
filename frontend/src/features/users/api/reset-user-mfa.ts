import { useMutation } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';

/**
 * POST /api/v1/users/{id}/mfa-reset: switches the user's two-factor authentication off (a lost phone) and ends
 * their sessions; they enrol again after their next login.
 */
export async function resetUserMfa(id: number) {
  await unwrap(api.POST('/api/v1/users/{id}/mfa-reset', { params: { path: { id } } }));
}

export function useResetUserMfa() {
  return useMutation({ mutationFn: resetUserMfa });
}
