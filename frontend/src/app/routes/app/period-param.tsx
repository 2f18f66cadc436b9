import type { ReactNode } from 'react';
import { useSearchParams } from 'react-router';
import { ErrorAlert, Loading } from '@/components/ui/alert';
import { usePeriods } from '@/features/periods/api/get-periods';
import { PeriodSelect } from '@/features/periods/components/period-select';
import { defaultPeriod, type ReportingPeriod } from '@/features/periods/utils/periods';
import { useCurrentPlan } from '@/features/plans/api/get-plans';
import { messages } from '@/lib/messages';

/**
 * For screens about one period (ダッシュボード, 確認待ち): the period named in the address (?period=2), else the
 * open one, with a choice of period above `children`.
 */
export function WithPeriod({ children }: { children: (period: ReportingPeriod, planId: number) => ReactNode }) {
  const plan = useCurrentPlan();
  const periods = usePeriods(plan.data?.id);
  const [params, setParams] = useSearchParams();

  if (plan.isPending || (plan.data && periods.isPending)) return <Loading />;
  if (plan.isError) return <ErrorAlert error={plan.error} />;
  if (!plan.data) return <p>{messages.errors.noPlan}</p>;
  if (periods.isError) return <ErrorAlert error={periods.error} />;
  const list = periods.data ?? [];
  const period = list.find((p) => p.id === Number(params.get('period'))) ?? defaultPeriod(list);
  if (!period) return <p>{messages.periods.empty}</p>;
  return (
    <>
      <div className="max-w-xl">
        <PeriodSelect
          periods={list}
          value={period.id}
          onChange={(id) => setParams(id ? { period: String(id) } : {}, { replace: true })}
        />
      </div>
      {children(period, plan.data.id)}
    </>
  );
}
