import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { components } from '@/api/schema';
import { api, unwrap } from '@/lib/api-client';

type CreatePeriod = components['schemas']['CreatePeriod'];

/** POST /api/v1/plans/{plan_id}/periods: a new period, 準備中. */
export function createPeriod({ planId, ...body }: CreatePeriod & { planId: number }) {
  return unwrap(api.POST('/api/v1/plans/{plan_id}/periods', { params: { path: { plan_id: planId } }, body }));
}

export function useCreatePeriod() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createPeriod,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['periods'] }),
  });
}
