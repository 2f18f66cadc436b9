import { ErrorAlert, Loading } from '@/components/ui/alert';
import { PageTitle } from '@/components/ui/page-title';
import { usePeriods } from '@/features/periods/api/get-periods';
import { PeriodSelect } from '@/features/periods/components/period-select';
import { defaultPeriod, type ReportingPeriod } from '@/features/periods/utils/periods';
import { useEvaluationGrades } from '@/features/plans/api/get-evaluation-grades';
import { useCurrentPlan } from '@/features/plans/api/get-plans';
import { usePlanTree } from '@/features/plans/api/get-plan-tree';
import { measureHeading, rowDepartments, type PlanTree } from '@/features/plans/utils/plan-tree';
import { usePeriodTable } from '@/features/table/api/get-period-table';
import { CompiledTableView, tableCounts } from '@/features/table/components/compiled-table';
import { TableExports } from '@/features/table/components/table-exports';
import { TableFilters } from '@/features/table/components/table-filters';
import { useTableParams } from '@/features/table/hooks/use-table-params';
import { messages } from '@/lib/messages';
import { reportPath, rowPath } from '../../paths';
import { useDropStaleParams } from './period-param';

const text = messages.table;

function PeriodTable({
  periods,
  period,
  tree,
  planId,
}: {
  periods: ReportingPeriod[];
  period: ReportingPeriod;
  tree: PlanTree;
  planId: number;
}) {
  const { query: asked, set } = useTableParams();
  // A compared period or a measure of another plan (after switching plans) is dropped, not sent.
  const compareOk = asked.compare_period_id === undefined || periods.some((p) => p.id === asked.compare_period_id);
  const measureOk = asked.measure_id === undefined || tree.measures.some((m) => m.measure.id === asked.measure_id);
  useDropStaleParams({ compare: !compareOk, measure: !measureOk });
  const query = {
    ...asked,
    compare_period_id: compareOk ? asked.compare_period_id : undefined,
    measure_id: measureOk ? asked.measure_id : undefined,
  };
  const table = usePeriodTable(period.id, query);
  const grades = useEvaluationGrades(planId);
  const counts = table.data ? tableCounts(table.data) : null;

  return (
    <div className="flex flex-col gap-8">
      {table.data && (
        <p className="-mt-4 text-std-18N-160 text-solid-gray-700">
          {table.data.municipality} {table.data.plan_name} {table.data.title}
        </p>
      )}
      <section aria-label={text.filters} className="flex flex-col gap-4 rounded-8 bg-solid-gray-50 p-4">
        <div className="grid gap-4 sm:grid-cols-2">
          <PeriodSelect periods={periods} value={period.id} onChange={(id) => set('period', id)} />
          <PeriodSelect
            label={text.compare}
            allowNone={text.noCompare}
            periods={periods.filter((p) => p.id !== period.id && p.state !== 'preparing')}
            value={query.compare_period_id ?? null}
            onChange={(id) => set('compare', id)}
          />
        </div>
        <TableFilters
          query={query}
          departments={rowDepartments(tree).map((d) => ({ id: d.id, label: d.name }))}
          measures={tree.measures.map(({ measure }) => ({ id: measure.id, label: measureHeading(measure) }))}
          grades={grades.data ?? []}
          onChange={set}
        />
        <p role="status" className="text-solid-gray-700">
          {counts && text.rowCount(counts.rows)}
          {counts && query.compare_period_id !== undefined && ` ${text.changedCount(counts.changed)}`}
        </p>
      </section>
      <TableExports periodId={period.id} query={query} />
      {table.isPending ? (
        <Loading />
      ) : table.isError ? (
        <ErrorAlert error={table.error} />
      ) : (
        <CompiledTableView table={table.data} grades={grades.data ?? []} reportHref={reportPath} rowHref={rowPath} />
      )}
    </div>
  );
}

/** 進行管理表: the compiled table of a period of the chosen plan, filtered, compared with another period, and exported. */
export function PlanTableRoute() {
  const plan = useCurrentPlan();
  const periods = usePeriods(plan.data?.id);
  const tree = usePlanTree(plan.data?.id);
  const { periodId } = useTableParams();
  // A period of another plan in the address gives way to this plan's default period.
  useDropStaleParams({
    period: periodId !== null && periods.data !== undefined && !periods.data.some((p) => p.id === periodId),
  });

  let body;
  if (plan.isPending) body = <Loading />;
  else if (plan.isError) body = <ErrorAlert error={plan.error} />;
  else if (!plan.data) body = <p>{messages.errors.noPlan}</p>;
  else if (periods.isError) body = <ErrorAlert error={periods.error} />;
  else if (tree.isError) body = <ErrorAlert error={tree.error} />;
  else if (periods.isPending || tree.isPending) body = <Loading />;
  else {
    const period = periods.data.find((p) => p.id === periodId) ?? defaultPeriod(periods.data);
    body = period ? (
      <PeriodTable key={plan.data.id} periods={periods.data} period={period} tree={tree.data} planId={plan.data.id} />
    ) : (
      <p>{text.noPeriod}</p>
    );
  }

  return (
    <>
      <PageTitle title={messages.nav.table}>{messages.nav.table}</PageTitle>
      {body}
    </>
  );
}
