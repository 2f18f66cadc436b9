import { useEffect, type ReactNode } from 'react';
import { useSearchParams } from 'react-router';
import { ErrorAlert, Loading } from '@/components/ui/alert';
import { usePeriods } from '@/features/periods/api/get-periods';
import { PeriodSelect } from '@/features/periods/components/period-select';
import { defaultPeriod, type ReportingPeriod } from '@/features/periods/utils/periods';
import { useCurrentPlan } from '@/features/plans/api/get-plans';
import { messages } from '@/lib/messages';

/**
 * Drops `names` from the address while `stale` holds: ids of another plan's periods (after switching plans, or in
 * an old bookmark), which the screen has replaced by its default.
 */
export function useDropStaleParams(stale: Record<string, boolean>) {
  const [, setParams] = useSearchParams();
  const names = Object.keys(stale)
    .filter((name) => stale[name])
    .join(',');
  useEffect(() => {
    if (!names) return;
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        for (const name of names.split(',')) next.delete(name);
        return next;
      },
      { replace: true },
    );
  }, [names, setParams]);
}

/**
 * For screens about one period of the chosen plan (ダッシュボード, 確認待ち): the period named in the address
 * (?period=2) when it is one of the plan's, else the plan's default period, with a choice of period above `children`.
 */
export function WithPeriod({ children }: { children: (period: ReportingPeriod, planId: number) => ReactNode }) {
  const plan = useCurrentPlan();
  const periods = usePeriods(plan.data?.id);
  const [params, setParams] = useSearchParams();
  const requested = params.get('period');
  const named = periods.data?.find((p) => String(p.id) === requested);
  useDropStaleParams({ period: requested !== null && periods.data !== undefined && !named });

  if (plan.isPending || (plan.data && periods.isPending)) return <Loading />;
  if (plan.isError) return <ErrorAlert error={plan.error} />;
  if (!plan.data) return <p>{messages.errors.noPlan}</p>;
  if (periods.isError) return <ErrorAlert error={periods.error} />;
  const list = periods.data ?? [];
  const period = named ?? defaultPeriod(list);
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
