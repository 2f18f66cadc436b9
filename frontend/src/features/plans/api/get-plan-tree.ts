import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';

/** GET /api/v1/plans/{id}/tree */
export function planTreeQueryOptions(planId: number) {
  return queryOptions({
    queryKey: ['plans', planId, 'tree'],
    queryFn: () => unwrap(api.GET('/api/v1/plans/{id}/tree', { params: { path: { id: planId } } })),
  });
}

export function usePlanTree(planId: number) {
  return useQuery(planTreeQueryOptions(planId));
}
