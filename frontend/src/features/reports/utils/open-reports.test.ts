import { describe, expect, it } from 'vitest';
import { groupOpenReports, type OpenReport } from './open-reports';

function open(reportId: number, planId: number, periodId: number, extra: Partial<OpenReport> = {}): OpenReport {
  return {
    plan_id: planId,
    plan_name: planId === 1 ? '第2次自殺対策推進計画' : '健康増進計画',
    period_id: periodId,
    period_label: periodId === 3 ? '令和7年度 9月末' : '令和7年度 3月末',
    deadline: '2026-04-15',
    report_id: reportId,
    row_id: reportId,
    row_name: `事業${reportId}`,
    state: 'draft',
    updated_at: '2026-03-01T00:00:00Z',
    ...extra,
  };
}

// As the server answers: by plan, period and table order.
const reports = [open(11, 1, 2), open(12, 1, 2), open(13, 1, 3), open(21, 2, 5)];

describe('groupOpenReports', () => {
  it('groups by plan, then by period, keeping the table order', () => {
    const groups = groupOpenReports(reports, 1);
    expect(groups.map((g) => [g.planName, g.current])).toEqual([
      ['第2次自殺対策推進計画', true],
      ['健康増進計画', false],
    ]);
    expect(groups[0]?.periods.map((p) => [p.label, p.reports.map((r) => r.report_id)])).toEqual([
      ['令和7年度 3月末', [11, 12]],
      ['令和7年度 9月末', [13]],
    ]);
    expect(groups[1]?.periods).toEqual([
      { periodId: 5, label: '令和7年度 3月末', deadline: '2026-04-15', reports: [reports[3]] },
    ]);
  });

  it('puts the plan being worked on first, the others in the server’s order', () => {
    const groups = groupOpenReports([...reports, open(31, 3, 7, { plan_name: '第3期障害福祉計画' })], 2);
    expect(groups.map((g) => g.planId)).toEqual([2, 1, 3]);
    expect(groups.filter((g) => g.current).map((g) => g.planName)).toEqual(['健康増進計画']);
  });

  it('keeps the server’s order when no plan is chosen, and is empty without reports', () => {
    expect(groupOpenReports(reports, null).map((g) => g.planId)).toEqual([1, 2]);
    expect(groupOpenReports([], 1)).toEqual([]);
  });
});
