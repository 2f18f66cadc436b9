import { queryOptions, useQuery } from '@tanstack/react-query';
import type { components } from '@/api/schema';
import { api, unwrap } from '@/lib/api-client';

type ReportView = components['schemas']['ReportView'];
type ReportState = components['schemas']['ReportState'];

export type PeriodReportFilter = { departmentId?: number; state?: ReportState; measureId?: number };

const PER_PAGE = 100; // the API's maximum

// A plan has some 70 rows: the screens show a period's reports whole, so every page is read.
async function fetchAll(periodId: number, filter: PeriodReportFilter): Promise<ReportView[]> {
  const all: ReportView[] = [];
  for (let page = 1; ; page++) {
    const result = await unwrap(
      api.GET('/api/v1/periods/{id}/reports', {
        params: {
          path: { id: periodId },
          query: {
            department_id: filter.departmentId,
            state: filter.state,
            measure_id: filter.measureId,
            page,
            per_page: PER_PAGE,
          },
        },
      }),
    );
    all.push(...result.items);
    if (all.length >= result.total || result.items.length === 0) return all;
  }
}

/** GET /api/v1/periods/{id}/reports, every page, in table order. */
export function periodReportsQueryOptions(periodId: number, filter: PeriodReportFilter = {}) {
  return queryOptions({
    queryKey: ['reports', 'period', periodId, filter],
    queryFn: () => fetchAll(periodId, filter),
  });
}

export function usePeriodReports(periodId: number, filter: PeriodReportFilter = {}) {
  return useQuery(periodReportsQueryOptions(periodId, filter));
}
