import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';
import { invalidateStructureQueries } from './structure-writes';

/** DELETE /api/v1/directions/{id}: refused (409) while rows or reports belong to it. */
export function deleteDirection(id: number) {
  return unwrap(api.DELETE('/api/v1/directions/{id}', { params: { path: { id } } }));
}

export function useDeleteDirection() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: deleteDirection, onSuccess: () => invalidateStructureQueries(queryClient) });
}
