import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';

export const USERS_PER_PAGE = 50;

/** GET /api/v1/users, one page. */
export function usersQueryOptions(page: number) {
  return queryOptions({
    queryKey: ['users', { page }],
    queryFn: () => unwrap(api.GET('/api/v1/users', { params: { query: { page, per_page: USERS_PER_PAGE } } })),
  });
}

// While the next page loads, keep showing the current one instead of flashing a loading text.
export function useUsers(page: number) {
  return useQuery({ ...usersQueryOptions(page), placeholderData: keepPreviousData });
}
