import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';
import { apiQueryKey } from '@/lib/query-keys';

/** GET /api/v1/plans/{id}/tree */
export function planTreeQueryOptions(planId: number) {
  const params = { path: { id: planId } };
  return queryOptions({
    queryKey: apiQueryKey('/api/v1/plans/{id}/tree', params),
    queryFn: () => unwrap(api.GET('/api/v1/plans/{id}/tree', { params })),
  });
}

/** The tree of a plan; waits while `planId` is not known yet. */
export function usePlanTree(planId: number | undefined) {
  return useQuery({ ...planTreeQueryOptions(planId ?? 0), enabled: planId !== undefined });
}
