import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';
import { invalidateStructureQueries } from './structure-writes';

/** PATCH /api/v1/groups/{id}: a group of related rows gets a new name. */
export function renameGroup({ id, name }: { id: number; name: string }) {
  return unwrap(api.PATCH('/api/v1/groups/{id}', { params: { path: { id } }, body: { name } }));
}

export function useRenameGroup() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: renameGroup, onSuccess: () => invalidateStructureQueries(queryClient) });
}
