import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';
import { apiQueryKey } from '@/lib/query-keys';

/**
 * GET /api/v1/me/open-reports: the signed-in user's department's reports in the open (受付中) periods of every plan
 * that is not archived, by plan, period and table order. Empty for users without a department.
 */
export function openReportsQueryOptions() {
  return queryOptions({
    queryKey: apiQueryKey('/api/v1/me/open-reports'),
    queryFn: () => unwrap(api.GET('/api/v1/me/open-reports')),
  });
}

export function useOpenReports() {
  return useQuery(openReportsQueryOptions());
}
