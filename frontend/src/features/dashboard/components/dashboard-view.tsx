import { useState } from 'react';
import type { components } from '@/api/schema';
import { ErrorAlert, Loading, StatusNotice } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Legend, PercentBar, StackedBar } from '@/components/ui/bars';
import { Button } from '@/components/ui/button';
import { ReportStateBadge } from '@/components/report-state-badge';
import { formatDate } from '@/lib/dates';
import { deadlineText } from '@/lib/deadline';
import { messages } from '@/lib/messages';
import { useDashboard } from '../api/get-dashboard';
import { useReminders, useSendReminders } from '../api/reminders';

type PeriodDashboard = components['schemas']['PeriodDashboard'];
type MeasureProgress = components['schemas']['MeasureProgress'];
type ImplementationStatus = components['schemas']['ImplementationStatus'];

const text = messages.dashboard;
const cell = 'border-b border-solid-gray-420 px-3 py-2 text-left align-middle';
const num = `${cell} text-right tabular-nums whitespace-nowrap`;

const IMPLEMENTATION: { key: ImplementationStatus | 'unset'; className: string }[] = [
  { key: 'done', className: 'bg-green-700' },
  { key: 'in_progress', className: 'bg-blue-600' },
  { key: 'planned', className: 'bg-yellow-400' },
  { key: 'not_started', className: 'bg-orange-700' },
  { key: 'unset', className: 'bg-solid-gray-200' },
];

// Grades differ between plans: colours go by position in the scale; 未評価 (code null) is always grey.
const GRADE_COLOURS = [
  'bg-green-800',
  'bg-green-500',
  'bg-blue-600',
  'bg-cyan-500',
  'bg-yellow-400',
  'bg-orange-600',
  'bg-red-700',
  'bg-magenta-600',
  'bg-purple-600',
  'bg-lime-600',
];
const gradeColour = (index: number, code: string | null | undefined) =>
  code ? (GRADE_COLOURS[index % GRADE_COLOURS.length] ?? 'bg-blue-600') : 'bg-solid-gray-200';

const implementationLabel = (key: ImplementationStatus | 'unset') =>
  key === 'unset' ? text.unset : messages.implementationStatuses[key];

function measureLabel(m: MeasureProgress): string {
  return `${messages.measureKinds[m.kind]}${m.number} ${m.title}`;
}

const percent = (value: number) => `${value.toFixed(1)}%`;

function Summary({ dashboard }: { dashboard: PeriodDashboard }) {
  const { totals, completion, period } = dashboard;
  return (
    <section
      aria-labelledby="dashboard-summary"
      className="flex flex-col gap-4 rounded-8 border-2 border-blue-900 bg-blue-50 p-4"
    >
      <h2 id="dashboard-summary" className="text-std-24B-150 text-solid-gray-900">
        {text.summary}
      </h2>
      <dl className="grid gap-x-6 gap-y-2 sm:grid-cols-[auto_1fr]">
        <dt className="text-std-16B-170">{messages.periods.deadline}</dt>
        <dd>
          {formatDate(period.deadline)}
          {period.state === 'open' && (
            <span className={`ml-3 text-std-17B-170 ${dashboard.deadline_passed ? 'text-error-2' : 'text-blue-1100'}`}>
              {deadlineText(dashboard.days_left)}
            </span>
          )}
        </dd>
        <dt className="text-std-16B-170">{text.rows}</dt>
        <dd className="flex flex-wrap gap-x-4 gap-y-1">
          <span>{messages.home.rowCount(totals.rows)}</span>
          {(['draft', 'returned', 'submitted', 'approved'] as const).map((s) => (
            <span key={s} className="flex items-center gap-1">
              <ReportStateBadge state={s} />
              {messages.home.rowCount(totals[s])}
            </span>
          ))}
          {totals.submitted_late > 0 && <span className="text-error-2">{text.lateCount(totals.submitted_late)}</span>}
        </dd>
        <dt className="text-std-16B-170">{text.submittedRate}</dt>
        <dd className="flex items-center gap-3">
          <span className="w-16 text-right tabular-nums">{percent(completion.submitted_percent)}</span>
          <PercentBar percent={completion.submitted_percent} />
        </dd>
        <dt className="text-std-16B-170">{text.approvedRate}</dt>
        <dd className="flex items-center gap-3">
          <span className="w-16 text-right tabular-nums">{percent(completion.approved_percent)}</span>
          <PercentBar percent={completion.approved_percent} className="bg-green-700" />
        </dd>
      </dl>
    </section>
  );
}

function Departments({ dashboard }: { dashboard: PeriodDashboard }) {
  return (
    <section aria-labelledby="dashboard-departments" className="flex flex-col gap-3">
      <h2 id="dashboard-departments" className="text-std-24B-150 text-solid-gray-900">
        {text.departments}
      </h2>
      {dashboard.late_departments.length > 0 && (
        <div className="rounded-8 border-2 border-error-1 bg-red-50 p-4">
          <h3 className="text-std-18B-160 text-error-2">{text.late}</h3>
          <ul className="mt-2 list-disc pl-6">
            {dashboard.late_departments.map((d) => (
              <li key={d.department_id}>{text.lateDepartment(d.name, d.unsubmitted)}</li>
            ))}
          </ul>
        </div>
      )}
      <div className="overflow-x-auto">
        <table className="w-full min-w-[56rem] border-collapse">
          <caption className="sr-only">{text.departmentsCaption}</caption>
          <thead>
            <tr className="bg-solid-gray-50">
              <th scope="col" className={cell}>
                {messages.table.department}
              </th>
              <th scope="col" className={cell}>
                {text.rows}
              </th>
              {(['draft', 'returned', 'submitted', 'approved'] as const).map((s) => (
                <th key={s} scope="col" className={cell}>
                  {messages.reportStates[s]}
                </th>
              ))}
              <th scope="col" className={`${cell} w-1/4`}>
                {text.submittedRate}
              </th>
              <th scope="col" className={cell}>
                {text.status}
              </th>
            </tr>
          </thead>
          <tbody>
            {dashboard.departments.map((d) => (
              <tr key={d.department.id} className={d.late ? 'bg-red-50' : undefined}>
                <th scope="row" className={`${cell} text-std-16B-170`}>
                  {d.department.name}
                </th>
                <td className={num}>{d.counts.rows}</td>
                <td className={num}>{d.counts.draft}</td>
                <td className={num}>{d.counts.returned}</td>
                <td className={num}>{d.counts.submitted}</td>
                <td className={num}>{d.counts.approved}</td>
                <td className={cell}>
                  <div className="flex items-center gap-2">
                    <span className="w-14 text-right tabular-nums">{percent(d.completion.submitted_percent)}</span>
                    <PercentBar percent={d.completion.submitted_percent} />
                  </div>
                </td>
                <td className={cell}>
                  {d.late ? (
                    <Badge tone="red">{text.lateBadge}</Badge>
                  ) : d.unsubmitted === 0 ? (
                    <Badge tone="green">{text.doneBadge}</Badge>
                  ) : (
                    <span>{text.unsubmitted(d.unsubmitted)}</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function ImplementationChart({ measures }: { measures: MeasureProgress[] }) {
  return (
    <section aria-labelledby="dashboard-implementation" className="flex flex-col gap-3">
      <h2 id="dashboard-implementation" className="text-std-24B-150 text-solid-gray-900">
        {text.implementation}
      </h2>
      <Legend
        items={IMPLEMENTATION.map((s) => ({ key: s.key, label: implementationLabel(s.key), className: s.className }))}
      />
      <div className="overflow-x-auto">
        <table className="w-full min-w-[60rem] border-collapse">
          <caption className="sr-only">{text.implementation}</caption>
          <thead>
            <tr className="bg-solid-gray-50">
              <th scope="col" className={cell}>
                {messages.table.measure}
              </th>
              <th scope="col" className={`${cell} w-1/3`}>
                {text.chart}
              </th>
              {IMPLEMENTATION.map((s) => (
                <th key={s.key} scope="col" className={cell}>
                  {implementationLabel(s.key)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {measures.map((m) => (
              <tr key={m.measure_id}>
                <th scope="row" className={`${cell} text-std-16B-170`}>
                  {measureLabel(m)}
                </th>
                <td className={cell}>
                  <StackedBar
                    segments={IMPLEMENTATION.map((s) => ({
                      key: s.key,
                      count: m.implementation[s.key],
                      className: s.className,
                    }))}
                  />
                </td>
                {IMPLEMENTATION.map((s) => (
                  <td key={s.key} className={num}>
                    {m.implementation[s.key]}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function EvaluationChart({ measures }: { measures: MeasureProgress[] }) {
  const scale = measures[0]?.evaluations ?? [];
  return (
    <section aria-labelledby="dashboard-evaluation" className="flex flex-col gap-3">
      <h2 id="dashboard-evaluation" className="text-std-24B-150 text-solid-gray-900">
        {text.evaluation}
      </h2>
      <Legend
        items={scale.map((g, i) => ({
          key: g.code ?? 'none',
          label: g.code ? messages.grade(g.code, g.label) : g.label,
          className: gradeColour(i, g.code),
        }))}
      />
      <div className="overflow-x-auto">
        <table className="w-full min-w-[64rem] border-collapse">
          <caption className="sr-only">{text.evaluation}</caption>
          <thead>
            <tr className="bg-solid-gray-50">
              <th scope="col" className={cell}>
                {messages.table.measure}
              </th>
              <th scope="col" className={`${cell} w-1/4`}>
                {text.chart}
              </th>
              {scale.map((g) => (
                <th key={g.code ?? 'none'} scope="col" className={cell}>
                  <span aria-hidden="true" title={g.label}>
                    {g.code ?? g.label}
                  </span>
                  <span className="sr-only">{g.code ? messages.grade(g.code, g.label) : g.label}</span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {measures.map((m) => (
              <tr key={m.measure_id}>
                <th scope="row" className={`${cell} text-std-16B-170`}>
                  {measureLabel(m)}
                </th>
                <td className={cell}>
                  <StackedBar
                    segments={m.evaluations.map((g, i) => ({
                      key: g.code ?? 'none',
                      count: g.count,
                      className: gradeColour(i, g.code),
                    }))}
                  />
                </td>
                {m.evaluations.map((g) => (
                  <td key={g.code ?? 'none'} className={num}>
                    {g.count}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function Reminders({ periodId, open }: { periodId: number; open: boolean }) {
  const reminders = useReminders(periodId);
  const send = useSendReminders();
  const [notice, setNotice] = useState<string | null>(null);
  const owing = reminders.data?.departments ?? [];

  function sendReminders() {
    if (!window.confirm(text.remindConfirm(owing.length))) return;
    setNotice(null);
    send.mutate(periodId, { onSuccess: (sent) => setNotice(text.reminded(sent.departments, sent.users, sent.emails)) });
  }

  return (
    <section aria-labelledby="dashboard-reminders" className="flex flex-col gap-3">
      <h2 id="dashboard-reminders" className="text-std-24B-150 text-solid-gray-900">
        {text.reminders}
      </h2>
      <StatusNotice>{notice}</StatusNotice>
      {reminders.isPending ? (
        <Loading />
      ) : reminders.isError ? (
        <ErrorAlert error={reminders.error} />
      ) : owing.length === 0 ? (
        <p>{text.nothingOwed}</p>
      ) : (
        <>
          <p>
            {text.owing(
              owing.length,
              owing.reduce((n, d) => n + d.rows.length, 0),
            )}
          </p>
          <details className="rounded-8 border border-solid-gray-420 p-3">
            <summary className="cursor-pointer text-std-16B-170">{text.owingDetails}</summary>
            <ul className="mt-2 flex flex-col gap-2">
              {owing.map((d) => (
                <li key={d.department.id}>
                  <p className="text-std-16B-170">{d.department.name}</p>
                  <ul className="list-disc pl-6">
                    {d.rows.map((r) => (
                      <li key={`${d.department.id}-${r.report_id}`}>
                        {`${r.measure_label} ${r.name}（${messages.reportStates[r.state]}）`}
                      </li>
                    ))}
                  </ul>
                </li>
              ))}
            </ul>
          </details>
        </>
      )}
      <div>
        <Button onClick={sendReminders} disabled={!open || owing.length === 0 || send.isPending}>
          {text.remind}
        </Button>
        {!open && <p className="mt-2 text-solid-gray-700">{text.remindOnlyOpen}</p>}
      </div>
      {send.isError && <ErrorAlert error={send.error} />}
    </section>
  );
}

/** ダッシュボード: how far one period's reports are, per department and per measure, and the reminders. */
export function DashboardView({ periodId }: { periodId: number }) {
  const dashboard = useDashboard(periodId);
  if (dashboard.isPending) return <Loading />;
  if (dashboard.isError) return <ErrorAlert error={dashboard.error} />;
  const data = dashboard.data;
  return (
    <div className="flex flex-col gap-10">
      <Summary dashboard={data} />
      <Reminders periodId={periodId} open={data.period.state === 'open'} />
      <Departments dashboard={data} />
      <ImplementationChart measures={data.measures} />
      <EvaluationChart measures={data.measures} />
    </div>
  );
}
