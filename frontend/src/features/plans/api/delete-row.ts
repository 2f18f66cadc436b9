import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';
import { invalidateStructureQueries } from './structure-writes';

/** DELETE /api/v1/rows/{id}: refused (409) once the row has reports; it can be retired (廃止) instead. */
export function deleteRow(id: number) {
  return unwrap(api.DELETE('/api/v1/rows/{id}', { params: { path: { id } } }));
}

export function useDeleteRow() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: deleteRow, onSuccess: () => invalidateStructureQueries(queryClient) });
}
