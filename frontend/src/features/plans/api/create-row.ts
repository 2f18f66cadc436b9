import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { components } from '@/api/schema';
import { api, unwrap } from '@/lib/api-client';
import { invalidateStructureQueries } from './structure-writes';

type CreateRow = components['schemas']['CreateRow'];

/** POST /api/v1/plans/{plan_id}/rows: a new row at the end of a measure or of one of its directions. */
export function createRow({ planId, ...body }: CreateRow & { planId: number }) {
  return unwrap(api.POST('/api/v1/plans/{plan_id}/rows', { params: { path: { plan_id: planId } }, body }));
}

export function useCreateRow() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: createRow, onSuccess: () => invalidateStructureQueries(queryClient) });
}
