import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { components } from '@/api/schema';
import { api, unwrap } from '@/lib/api-client';
import { invalidatePlanQueries } from './plan-queries';

type UpdatePlan = components['schemas']['UpdatePlan'];

/** PATCH /api/v1/plans/{id}: a plan's municipality, name, table heading or 計画期間, or archiving it. */
export function updatePlan({ id, ...body }: UpdatePlan & { id: number }) {
  return unwrap(api.PATCH('/api/v1/plans/{id}', { params: { path: { id } }, body }));
}

export function useUpdatePlan() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updatePlan,
    onSuccess: () => invalidatePlanQueries(queryClient),
  });
}
