import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';
import { apiQueryKey } from '@/lib/query-keys';

/** GET /api/v1/rows/{id}: one row with its departments and related rows. */
export function rowQueryOptions(id: number) {
  const params = { path: { id } };
  return queryOptions({
    queryKey: apiQueryKey('/api/v1/rows/{id}', params),
    queryFn: () => unwrap(api.GET('/api/v1/rows/{id}', { params })),
    // Admins rename and move rows in 計画の編集: show the row as it is now.
    staleTime: 0,
  });
}

export function useRow(id: number, enabled = true) {
  return useQuery({ ...rowQueryOptions(id), enabled });
}
