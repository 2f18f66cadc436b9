import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';

/** GET /api/v1/periods/{id}/dashboard: completion per department, late departments, the picture per measure. */
export function dashboardQueryOptions(periodId: number) {
  return queryOptions({
    queryKey: ['dashboard', periodId],
    queryFn: () => unwrap(api.GET('/api/v1/periods/{id}/dashboard', { params: { path: { id: periodId } } })),
  });
}

export function useDashboard(periodId: number) {
  return useQuery(dashboardQueryOptions(periodId));
}
