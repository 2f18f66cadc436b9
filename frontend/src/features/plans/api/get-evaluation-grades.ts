import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';
import { apiQueryKey } from '@/lib/query-keys';

/** GET /api/v1/plans/{plan_id}/evaluation-grades: the plan's self-evaluation scale, in display order. */
export function evaluationGradesQueryOptions(planId: number) {
  const params = { path: { plan_id: planId } };
  return queryOptions({
    queryKey: apiQueryKey('/api/v1/plans/{plan_id}/evaluation-grades', params),
    queryFn: () => unwrap(api.GET('/api/v1/plans/{plan_id}/evaluation-grades', { params })),
    staleTime: 5 * 60_000,
  });
}

export function useEvaluationGrades(planId: number | undefined) {
  return useQuery({ ...evaluationGradesQueryOptions(planId ?? 0), enabled: planId !== undefined });
}
