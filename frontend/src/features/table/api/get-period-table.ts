import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { components } from '@/api/schema';
import { api, unwrap } from '@/lib/api-client';

type ImplementationStatus = components['schemas']['ImplementationStatus'];
type ReportState = components['schemas']['ReportState'];

/** The table's filters and comparison, as the API names them (and the exports take them). */
export type TableQuery = {
  department_id?: number;
  measure_id?: number;
  implementation_status?: ImplementationStatus;
  evaluation?: string;
  state?: ReportState;
  compare_period_id?: number;
};

/** GET /api/v1/periods/{id}/table: the compiled 施策別事業進行管理表 of a period, in the plan's order. */
export function periodTableQueryOptions(periodId: number, query: TableQuery) {
  return queryOptions({
    queryKey: ['table', periodId, query],
    queryFn: () => unwrap(api.GET('/api/v1/periods/{id}/table', { params: { path: { id: periodId }, query } })),
  });
}

export function usePeriodTable(periodId: number, query: TableQuery) {
  // While a new filter loads, the old table stays on screen instead of a blank page.
  return useQuery({ ...periodTableQueryOptions(periodId, query), placeholderData: keepPreviousData });
}
