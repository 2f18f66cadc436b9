import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';

/** GET /api/v1/reports/{id}/diff?from=&to=: the text character by character and the other fields that changed. */
export function reportDiffQueryOptions(id: number, from: number, to: number) {
  return queryOptions({
    queryKey: ['reports', 'versions', id, 'diff', from, to],
    queryFn: () => unwrap(api.GET('/api/v1/reports/{id}/diff', { params: { path: { id }, query: { from, to } } })),
    // Versions never change once written.
    staleTime: Infinity,
  });
}

export function useReportDiff(id: number, from: number | null, to: number) {
  return useQuery({ ...reportDiffQueryOptions(id, from ?? 0, to), enabled: from !== null && from !== to });
}
