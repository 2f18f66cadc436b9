import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';
import { apiQueryKey } from '@/lib/query-keys';

/** GET /api/v1/plans */
export function plansQueryOptions() {
  const params = { query: { per_page: 100 } };
  return queryOptions({
    queryKey: apiQueryKey('/api/v1/plans', params),
    queryFn: () => unwrap(api.GET('/api/v1/plans', { params })),
  });
}

/**
 * The plan the app works on. A city runs one plan through this app today, so it is the first one; the API has
 * no notion of a current plan. `null` when no plan was imported yet.
 */
export function useCurrentPlan() {
  return useQuery({ ...plansQueryOptions(), select: (page) => page.items[0] ?? null });
}
