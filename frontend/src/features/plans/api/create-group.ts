import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';
import { invalidateStructureQueries } from './structure-writes';

/** POST /api/v1/plans/{plan_id}/groups: a group of related rows (the same 事業 under several measures). */
export function createGroup({ planId, name }: { planId: number; name: string }) {
  return unwrap(api.POST('/api/v1/plans/{plan_id}/groups', { params: { path: { plan_id: planId } }, body: { name } }));
}

export function useCreateGroup() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: createGroup, onSuccess: () => invalidateStructureQueries(queryClient) });
}
