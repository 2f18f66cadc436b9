import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';

/** GET /api/v1/periods/{id} */
export function periodQueryOptions(id: number) {
  return queryOptions({
    queryKey: ['periods', 'by-id', id],
    queryFn: () => unwrap(api.GET('/api/v1/periods/{id}', { params: { path: { id } } })),
  });
}

export function usePeriod(id: number | undefined) {
  return useQuery({ ...periodQueryOptions(id ?? 0), enabled: id !== undefined });
}
