import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';

/** GET /api/v1/plans/{id}/tree */
export function planTreeQueryOptions(planId: number) {
  return queryOptions({
    queryKey: ['plans', planId, 'tree'],
    queryFn: () => unwrap(api.GET('/api/v1/plans/{id}/tree', { params: { path: { id: planId } } })),
  });
}

/** The tree of a plan; waits while `planId` is not known yet. */
export function usePlanTree(planId: number | undefined) {
  return useQuery({ ...planTreeQueryOptions(planId ?? 0), enabled: planId !== undefined });
}
