import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';
import { apiQueryKey } from '@/lib/query-keys';

/** GET /api/v1/plans/{plan_id}/periods: every period of a plan, newest first. */
export function periodsQueryOptions(planId: number) {
  const params = { path: { plan_id: planId } };
  return queryOptions({
    queryKey: apiQueryKey('/api/v1/plans/{plan_id}/periods', params),
    queryFn: () => unwrap(api.GET('/api/v1/plans/{plan_id}/periods', { params })),
  });
}

export function usePeriods(planId: number | undefined) {
  return useQuery({ ...periodsQueryOptions(planId ?? 0), enabled: planId !== undefined });
}
