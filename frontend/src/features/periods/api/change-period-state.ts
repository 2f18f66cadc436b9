import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';

/** The life-cycle steps: 準備中 → 受付中 (open) → 締切 (close, reopen back) → 公表 (publish). */
export type PeriodTransition = 'open' | 'close' | 'reopen' | 'publish';

/** POST /api/v1/periods/{id}/open | close | reopen | publish */
export function changePeriodState({ id, transition }: { id: number; transition: PeriodTransition }) {
  const params = { params: { path: { id } } };
  switch (transition) {
    case 'open':
      return unwrap(api.POST('/api/v1/periods/{id}/open', params));
    case 'close':
      return unwrap(api.POST('/api/v1/periods/{id}/close', params));
    case 'reopen':
      return unwrap(api.POST('/api/v1/periods/{id}/reopen', params));
    case 'publish':
      return unwrap(api.POST('/api/v1/periods/{id}/publish', params));
  }
}

export function useChangePeriodState() {
  const queryClient = useQueryClient();
  // Whether reports can be written, the dashboard and the table all follow the period's state.
  return useMutation({
    mutationFn: changePeriodState,
    onSuccess: () => queryClient.invalidateQueries(),
  });
}
