import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';
import { apiQueryKey } from '@/lib/query-keys';

/** GET /api/v1/reports/{id}/diff?from=&to=: the text character by character and the other fields that changed. */
export function reportDiffQueryOptions(id: number, from: number, to: number) {
  const params = { path: { id }, query: { from, to } };
  return queryOptions({
    queryKey: apiQueryKey('/api/v1/reports/{id}/diff', params),
    queryFn: () => unwrap(api.GET('/api/v1/reports/{id}/diff', { params })),
    // Versions never change once written.
    staleTime: Infinity,
  });
}

export function useReportDiff(id: number, from: number | null, to: number) {
  return useQuery({ ...reportDiffQueryOptions(id, from ?? 0, to), enabled: from !== null && from !== to });
}
