import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { components } from '@/api/schema';
import { api, unwrap } from '@/lib/api-client';
import { invalidateStructureQueries } from './structure-writes';

type CreateMeasure = components['schemas']['CreateMeasure'];

/** POST /api/v1/plans/{plan_id}/measures: a new 基本施策 or 重点施策. */
export function createMeasure({ planId, ...body }: CreateMeasure & { planId: number }) {
  return unwrap(api.POST('/api/v1/plans/{plan_id}/measures', { params: { path: { plan_id: planId } }, body }));
}

export function useCreateMeasure() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: createMeasure, onSuccess: () => invalidateStructureQueries(queryClient) });
}
