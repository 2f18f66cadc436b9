import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';
import { invalidateStructureQueries } from './structure-writes';

/** DELETE /api/v1/groups/{id}: the rows stay; they are just no longer related. */
export function deleteGroup(id: number) {
  return unwrap(api.DELETE('/api/v1/groups/{id}', { params: { path: { id } } }));
}

export function useDeleteGroup() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: deleteGroup, onSuccess: () => invalidateStructureQueries(queryClient) });
}
