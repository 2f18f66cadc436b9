import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';
import { invalidateStructureQueries } from './structure-writes';

/**
 * PUT /api/v1/measures/{id}/row-order: every row of the measure in the new order. Rows under directions keep their
 * direction; the order counts within each direction.
 */
export function reorderRows({ measureId, rowIds }: { measureId: number; rowIds: number[] }) {
  return unwrap(
    api.PUT('/api/v1/measures/{id}/row-order', { params: { path: { id: measureId } }, body: { row_ids: rowIds } }),
  );
}

export function useReorderRows() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: reorderRows, onSuccess: () => invalidateStructureQueries(queryClient) });
}
