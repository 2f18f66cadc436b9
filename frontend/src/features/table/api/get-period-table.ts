import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { operations } from '@/api/schema';
import { api, unwrap } from '@/lib/api-client';
import { apiQueryKey } from '@/lib/query-keys';

/** The table's filters and comparison: the query parameters of GET /periods/{id}/table (the exports take them too). */
export type TableQuery = NonNullable<operations['get_period_table']['parameters']['query']>;

/** GET /api/v1/periods/{id}/table: the compiled 施策別事業進行管理表 of a period, in the plan's order. */
export function periodTableQueryOptions(periodId: number, query: TableQuery) {
  const params = { path: { id: periodId }, query };
  return queryOptions({
    queryKey: apiQueryKey('/api/v1/periods/{id}/table', params),
    queryFn: () => unwrap(api.GET('/api/v1/periods/{id}/table', { params })),
  });
}

export function usePeriodTable(periodId: number, query: TableQuery) {
  // While a new filter loads, the old table stays on screen instead of a blank page.
  return useQuery({ ...periodTableQueryOptions(periodId, query), placeholderData: keepPreviousData });
}
