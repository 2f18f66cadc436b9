import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';
import { invalidateStructureQueries } from './structure-writes';

/** DELETE /api/v1/measures/{id}: refused (409) while it has rows or reports. */
export function deleteMeasure(id: number) {
  return unwrap(api.DELETE('/api/v1/measures/{id}', { params: { path: { id } } }));
}

export function useDeleteMeasure() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: deleteMeasure, onSuccess: () => invalidateStructureQueries(queryClient) });
}
