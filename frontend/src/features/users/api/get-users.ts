import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';
import { apiQueryKey } from '@/lib/query-keys';

export const USERS_PER_PAGE = 50;

/** GET /api/v1/users, one page. */
export function usersQueryOptions(page: number) {
  const params = { query: { page, per_page: USERS_PER_PAGE } };
  return queryOptions({
    queryKey: apiQueryKey('/api/v1/users', params),
    queryFn: () => unwrap(api.GET('/api/v1/users', { params })),
  });
}

// While the next page loads, keep showing the current one instead of flashing a loading text.
export function useUsers(page: number) {
  return useQuery({ ...usersQueryOptions(page), placeholderData: keepPreviousData });
}
