import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';

/** GET /api/v1/plans/{plan_id}/periods: every period of a plan, newest first. */
export function periodsQueryOptions(planId: number) {
  return queryOptions({
    queryKey: ['periods', 'plan', planId],
    queryFn: () => unwrap(api.GET('/api/v1/plans/{plan_id}/periods', { params: { path: { plan_id: planId } } })),
  });
}

export function usePeriods(planId: number | undefined) {
  return useQuery({ ...periodsQueryOptions(planId ?? 0), enabled: planId !== undefined });
}
