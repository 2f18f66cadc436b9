import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { components } from '@/api/schema';
import { api, unwrap } from '@/lib/api-client';
import { apiQueryKey } from '@/lib/query-keys';

type CreatePeriod = components['schemas']['CreatePeriod'];

/** POST /api/v1/plans/{plan_id}/periods: a new period, 準備中. */
export function createPeriod({ planId, ...body }: CreatePeriod & { planId: number }) {
  return unwrap(api.POST('/api/v1/plans/{plan_id}/periods', { params: { path: { plan_id: planId } }, body }));
}

export function useCreatePeriod() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createPeriod,
    // Every query about periods: the lists, single periods, their editions.
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: apiQueryKey('/api/v1/plans/{plan_id}/periods') }),
        queryClient.invalidateQueries({ queryKey: apiQueryKey('/api/v1/periods/{id}') }),
        queryClient.invalidateQueries({ queryKey: apiQueryKey('/api/v1/periods/{id}/editions') }),
      ]),
  });
}
