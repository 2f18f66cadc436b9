import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { withEtag } from './with-etag';

export const reportQueryKey = (id: number) => ['reports', 'by-id', id] as const;

/** GET /api/v1/reports/{id}: the report with its row, last period's approved text, and its ETag. */
export function reportQueryOptions(id: number) {
  return queryOptions({
    queryKey: reportQueryKey(id),
    queryFn: () => withEtag(api.GET('/api/v1/reports/{id}', { params: { path: { id } } })),
    // The editor starts from what the server has now, never from a copy that someone may have replaced.
    staleTime: 0,
  });
}

export function useReport(id: number) {
  return useQuery(reportQueryOptions(id));
}
