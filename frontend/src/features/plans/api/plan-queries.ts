import type { QueryClient } from '@tanstack/react-query';
import { apiQueryKey } from '@/lib/query-keys';

/** Marks stale every query that shows a plan (the list, the trees, the evaluation scales): after a plan's edit. */
export function invalidatePlanQueries(queryClient: QueryClient) {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: apiQueryKey('/api/v1/plans') }),
    queryClient.invalidateQueries({ queryKey: apiQueryKey('/api/v1/plans/{id}/tree') }),
    queryClient.invalidateQueries({ queryKey: apiQueryKey('/api/v1/plans/{plan_id}/evaluation-grades') }),
  ]);
}
