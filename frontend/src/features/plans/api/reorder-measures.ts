import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { components } from '@/api/schema';
import { api, unwrap } from '@/lib/api-client';
import { invalidateStructureQueries } from './structure-writes';

type MeasureOrder = components['schemas']['MeasureOrder'];

/** PUT /api/v1/plans/{id}/measure-order: every measure of one kind in the new order; numbered 1, 2, … */
export function reorderMeasures({ planId, ...body }: MeasureOrder & { planId: number }) {
  return unwrap(api.PUT('/api/v1/plans/{id}/measure-order', { params: { path: { id: planId } }, body }));
}

export function useReorderMeasures() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: reorderMeasures, onSuccess: () => invalidateStructureQueries(queryClient) });
}
