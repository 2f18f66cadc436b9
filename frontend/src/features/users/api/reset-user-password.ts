import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';
import { apiQueryKey } from '@/lib/query-keys';

/** POST /api/v1/users/{id}/password-reset: answers the temporary password, once. */
export function resetUserPassword(id: number) {
  return unwrap(api.POST('/api/v1/users/{id}/password-reset', { params: { path: { id } } }));
}

export function useResetUserPassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: resetUserPassword,
    // The list shows パスワード変更待ち, which the reset just switched on.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: apiQueryKey('/api/v1/users') }),
  });
}
