import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';
import { apiQueryKey } from '@/lib/query-keys';

/** GET /api/v1/periods/{id}/dashboard: completion per department, late departments, the picture per measure. */
export function dashboardQueryOptions(periodId: number) {
  const params = { path: { id: periodId } };
  return queryOptions({
    queryKey: apiQueryKey('/api/v1/periods/{id}/dashboard', params),
    queryFn: () => unwrap(api.GET('/api/v1/periods/{id}/dashboard', { params })),
  });
}

export function useDashboard(periodId: number) {
  return useQuery(dashboardQueryOptions(periodId));
}
