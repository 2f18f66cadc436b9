import { useMutation } from '@tanstack/react-query';
import { api, reloadSessionUser, unwrap } from '@/lib/api-client';

/** POST /api/v1/me/mfa/disable, confirmed with an app code or a recovery code. */
export async function disableMfa(code: string) {
  await unwrap(api.POST('/api/v1/me/mfa/disable', { body: { code } }));
}

export function useDisableMfa() {
  return useMutation({
    mutationFn: disableMfa,
    onSuccess: () => reloadSessionUser().catch(() => undefined),
  });
}
