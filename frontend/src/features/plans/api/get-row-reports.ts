import { queryOptions, useQueries } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';
import { apiQueryKey } from '@/lib/query-keys';

/** GET /api/v1/rows/{id}/reports: the row's report in every period that has one, oldest first. */
export function rowReportsQueryOptions(rowId: number) {
  const params = { path: { id: rowId } };
  return queryOptions({
    queryKey: apiQueryKey('/api/v1/rows/{id}/reports', params),
    queryFn: () => unwrap(api.GET('/api/v1/rows/{id}/reports', { params })),
  });
}

/** The reports of several rows (a measure's or a direction's), each list in the order of `rowIds`. */
export function useRowsReports(rowIds: number[], enabled = true) {
  return useQueries({
    queries: rowIds.map((id) => ({ ...rowReportsQueryOptions(id), enabled })),
    combine: (results) => ({
      isPending: results.some((r) => r.isPending),
      error: results.find((r) => r.isError)?.error ?? null,
      lists: results.map((r) => r.data ?? []),
    }),
  });
}
