import type { components } from '@/api/schema';

export type OpenReport = components['schemas']['OpenReport'];

export type OpenPeriodGroup = { periodId: number; label: string; deadline: string; reports: OpenReport[] };
export type OpenPlanGroup = { planId: number; planName: string; current: boolean; periods: OpenPeriodGroup[] };

/**
 * A department's open reports (GET /me/open-reports) by plan, then by period, keeping the server's order (plan,
 * period, table order) within each; the plan being worked on (`currentPlanId`) comes first.
 */
export function groupOpenReports(reports: OpenReport[], currentPlanId: number | null | undefined): OpenPlanGroup[] {
  const plans: OpenPlanGroup[] = [];
  for (const report of reports) {
    let plan = plans.find((p) => p.planId === report.plan_id);
    if (!plan) {
      plan = {
        planId: report.plan_id,
        planName: report.plan_name,
        current: report.plan_id === currentPlanId,
        periods: [],
      };
      plans.push(plan);
    }
    let period = plan.periods.find((p) => p.periodId === report.period_id);
    if (!period) {
      period = { periodId: report.period_id, label: report.period_label, deadline: report.deadline, reports: [] };
      plan.periods.push(period);
    }
    period.reports.push(report);
  }
  // A stable sort: the other plans keep their order.
  return plans.sort((a, b) => Number(b.current) - Number(a.current));
}
