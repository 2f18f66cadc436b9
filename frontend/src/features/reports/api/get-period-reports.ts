import { queryOptions, useQuery } from '@tanstack/react-query';
import type { components } from '@/api/schema';
import { api, unwrap } from '@/lib/api-client';
import { apiQueryKey } from '@/lib/query-keys';

type ReportView = components['schemas']['ReportView'];
type ReportState = components['schemas']['ReportState'];

export type PeriodReportFilter = { departmentId?: number; state?: ReportState; measureId?: number };

const PER_PAGE = 100; // the API's maximum

/** The filter as the API's query parameters. */
function reportsQuery(filter: PeriodReportFilter) {
  return { department_id: filter.departmentId, state: filter.state, measure_id: filter.measureId };
}

// A plan has some 70 rows: the screens show a period's reports whole, so every page is read.
async function fetchAll(periodId: number, query: ReturnType<typeof reportsQuery>): Promise<ReportView[]> {
  const all: ReportView[] = [];
  for (let page = 1; ; page++) {
    const result = await unwrap(
      api.GET('/api/v1/periods/{id}/reports', {
        params: { path: { id: periodId }, query: { ...query, page, per_page: PER_PAGE } },
      }),
    );
    all.push(...result.items);
    if (all.length >= result.total || result.items.length === 0) return all;
  }
}

/** GET /api/v1/periods/{id}/reports, every page, in table order. */
export function periodReportsQueryOptions(periodId: number, filter: PeriodReportFilter = {}) {
  const query = reportsQuery(filter);
  return queryOptions({
    // Without the page: the query holds every page.
    queryKey: apiQueryKey('/api/v1/periods/{id}/reports', { path: { id: periodId }, query }),
    queryFn: () => fetchAll(periodId, query),
  });
}

export function usePeriodReports(periodId: number, filter: PeriodReportFilter = {}) {
  return useQuery(periodReportsQueryOptions(periodId, filter));
}
