import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';
import { apiQueryKey } from '@/lib/query-keys';

/** GET /api/v1/periods/{id} */
export function periodQueryOptions(id: number) {
  const params = { path: { id } };
  return queryOptions({
    queryKey: apiQueryKey('/api/v1/periods/{id}', params),
    queryFn: () => unwrap(api.GET('/api/v1/periods/{id}', { params })),
  });
}

export function usePeriod(id: number | undefined) {
  return useQuery({ ...periodQueryOptions(id ?? 0), enabled: id !== undefined });
}
