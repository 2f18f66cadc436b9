import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';
import { invalidateStructureQueries } from './structure-writes';

/** PUT /api/v1/measures/{id}/direction-order: every direction of the measure in the new order; numbered ①, ②, … */
export function reorderDirections({ measureId, directionIds }: { measureId: number; directionIds: number[] }) {
  return unwrap(
    api.PUT('/api/v1/measures/{id}/direction-order', {
      params: { path: { id: measureId } },
      body: { direction_ids: directionIds },
    }),
  );
}

export function useReorderDirections() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: reorderDirections, onSuccess: () => invalidateStructureQueries(queryClient) });
}
