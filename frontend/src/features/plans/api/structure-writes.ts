import type { QueryClient } from '@tanstack/react-query';
import { apiQueryKey } from '@/lib/query-keys';
import { invalidatePlanQueries } from './plan-queries';

/**
 * Marks stale everything a change of the plan's structure (measures, directions, rows, owners, groups, 廃止) shows
 * up in: the plan and its tree, its periods, the compiled tables, the rows and their reports, the groups.
 */
export function invalidateStructureQueries(queryClient: QueryClient) {
  return Promise.all([
    invalidatePlanQueries(queryClient),
    queryClient.invalidateQueries({ queryKey: apiQueryKey('/api/v1/plans/{plan_id}/periods') }),
    queryClient.invalidateQueries({ queryKey: apiQueryKey('/api/v1/plans/{plan_id}/groups') }),
    queryClient.invalidateQueries({ queryKey: apiQueryKey('/api/v1/plans/{plan_id}/rows') }),
    queryClient.invalidateQueries({ queryKey: apiQueryKey('/api/v1/rows/{id}/reports') }),
    queryClient.invalidateQueries({ queryKey: apiQueryKey('/api/v1/periods/{id}/table') }),
  ]);
}
