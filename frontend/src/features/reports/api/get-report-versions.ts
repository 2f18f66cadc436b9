import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';

/** GET /api/v1/reports/{id}/versions: every saved version, oldest first. */
export function reportVersionsQueryOptions(id: number) {
  return queryOptions({
    queryKey: ['reports', 'versions', id],
    queryFn: () => unwrap(api.GET('/api/v1/reports/{id}/versions', { params: { path: { id } } })),
  });
}

export function useReportVersions(id: number) {
  return useQuery(reportVersionsQueryOptions(id));
}
