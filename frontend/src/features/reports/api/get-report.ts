import { queryOptions } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { apiQueryKey } from '@/lib/query-keys';
import { withEtag } from './with-etag';

/** GET /api/v1/reports/{id}: the report with its row, last period's approved text, and its ETag. */
export function reportQueryOptions(id: number) {
  const params = { path: { id } };
  return queryOptions({
    queryKey: apiQueryKey('/api/v1/reports/{id}', params),
    queryFn: () => withEtag(api.GET('/api/v1/reports/{id}', { params })),
    // The editor starts from what the server has now, never from a copy that someone may have replaced.
    staleTime: 0,
  });
}
