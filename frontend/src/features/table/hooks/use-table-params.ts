import { useSearchParams } from 'react-router';
import type { components } from '@/api/schema';
import type { TableQuery } from '../api/get-period-table';

type ImplementationStatus = components['schemas']['ImplementationStatus'];
type ReportState = components['schemas']['ReportState'];

const STATUSES: ImplementationStatus[] = ['not_started', 'in_progress', 'done', 'planned'];
const STATES: ReportState[] = ['draft', 'submitted', 'returned', 'approved'];

export type TableParam = 'period' | 'compare' | 'department' | 'measure' | 'status' | 'evaluation' | 'state';

/**
 * The table's period, comparison and filters live in the address (?period=2&department=3&compare=1), so a filtered
 * table can be bookmarked, shared and reached again with the back button. Unknown values are ignored.
 */
export function useTableParams(): {
  periodId: number | null;
  query: TableQuery;
  set: (name: TableParam, value: string | number | null) => void;
} {
  const [params, setParams] = useSearchParams();
  const id = (name: string) => {
    const value = Number(params.get(name));
    return Number.isInteger(value) && value > 0 ? value : undefined;
  };
  const status = params.get('status') as ImplementationStatus | null;
  const state = params.get('state') as ReportState | null;
  const query: TableQuery = {
    department_id: id('department'),
    measure_id: id('measure'),
    implementation_status: status && STATUSES.includes(status) ? status : undefined,
    evaluation: params.get('evaluation') || undefined,
    state: state && STATES.includes(state) ? state : undefined,
    compare_period_id: id('compare'),
  };
  const set = (name: TableParam, value: string | number | null) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value === null || value === '') next.delete(name);
        else next.set(name, String(value));
        return next;
      },
      { replace: true },
    );
  return { periodId: id('period') ?? null, query, set };
}
