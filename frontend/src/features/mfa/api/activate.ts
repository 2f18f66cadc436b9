import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, reloadSessionUser, unwrap } from '@/lib/api-client';

/** POST /api/v1/me/mfa/activation: confirms enrolment with a code; answers the 10 recovery codes, once. */
export function activateMfa(code: string) {
  return unwrap(api.POST('/api/v1/me/mfa/activation', { body: { code } }));
}

export function useActivateMfa() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: activateMfa,
    onSuccess: async () => {
      // The account shows 有効 and an admin's refused screens work now: read the user and the data again. A
      // failure here must not hide the recovery codes, which this answer alone carries.
      await reloadSessionUser().catch(() => undefined);
      void queryClient.invalidateQueries();
    },
  });
}
