import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';
import { apiQueryKey } from '@/lib/query-keys';

/** GET /api/v1/reports/{id}/versions: every saved version, oldest first. */
export function reportVersionsQueryOptions(id: number) {
  const params = { path: { id } };
  return queryOptions({
    queryKey: apiQueryKey('/api/v1/reports/{id}/versions', params),
    queryFn: () => unwrap(api.GET('/api/v1/reports/{id}/versions', { params })),
  });
}

export function useReportVersions(id: number) {
  return useQuery(reportVersionsQueryOptions(id));
}
