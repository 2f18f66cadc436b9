import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';
import { apiQueryKey } from '@/lib/query-keys';

export const SEARCH_PER_PAGE = 20;

/** GET /api/v1/plans/{plan_id}/search?q=: rows whose name, 内容 or report texts contain `q`, in table order. */
export function searchQueryOptions(planId: number, q: string, page: number) {
  const params = { path: { plan_id: planId }, query: { q, page, per_page: SEARCH_PER_PAGE } };
  return queryOptions({
    queryKey: apiQueryKey('/api/v1/plans/{plan_id}/search', params),
    queryFn: () => unwrap(api.GET('/api/v1/plans/{plan_id}/search', { params })),
  });
}

/** The search runs for 2 to 100 characters (the API's limits); shorter input waits. */
export function useSearch(planId: number, q: string, page: number) {
  const query = q.trim();
  return useQuery({
    ...searchQueryOptions(planId, query, page),
    enabled: [...query].length >= 2,
    placeholderData: keepPreviousData,
  });
}
