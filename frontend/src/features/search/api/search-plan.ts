import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';

export const SEARCH_PER_PAGE = 20;

/** GET /api/v1/plans/{plan_id}/search?q=: rows whose name, 内容 or report texts contain `q`, in table order. */
export function searchQueryOptions(planId: number, q: string, page: number) {
  return queryOptions({
    queryKey: ['search', planId, q, page],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/plans/{plan_id}/search', {
          params: { path: { plan_id: planId }, query: { q, page, per_page: SEARCH_PER_PAGE } },
        }),
      ),
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
