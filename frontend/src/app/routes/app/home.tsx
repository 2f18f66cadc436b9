import { useQueries } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { ErrorAlert, Loading } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { PageTitle } from '@/components/ui/page-title';
import { PeriodSummary } from '@/features/periods/components/period-summary';
import { usePeriods } from '@/features/periods/api/get-periods';
import {
  deadlineWording,
  defaultPeriod,
  openPeriod,
  periodName,
  type ReportingPeriod,
} from '@/features/periods/utils/periods';
import { useCurrentPlan } from '@/features/plans/api/get-plans';
import { planTreeQueryOptions, usePlanTree } from '@/features/plans/api/get-plan-tree';
import { rowContexts } from '@/features/plans/utils/plan-tree';
import { useOpenReports } from '@/features/reports/api/get-open-reports';
import { periodReportsQueryOptions, usePeriodReports } from '@/features/reports/api/get-period-reports';
import { DepartmentReports } from '@/features/reports/components/department-reports';
import { groupOpenReports, type OpenPeriodGroup, type OpenPlanGroup } from '@/features/reports/utils/open-reports';
import { isAdmin, useUser } from '@/lib/auth';
import { formatDate } from '@/lib/dates';
import { messages } from '@/lib/messages';
import { paths, reportPath } from '../../paths';

const text = messages.home;

type Department = { id: number; name: string };

function MyReports({
  period,
  planId,
  department,
}: {
  period: ReportingPeriod;
  planId: number;
  department: Department;
}) {
  const reports = usePeriodReports(period.id, { departmentId: department.id });
  const tree = usePlanTree(planId);
  if (reports.isPending) return <Loading />;
  if (reports.isError) return <ErrorAlert error={reports.error} />;
  const rows = tree.data ? rowContexts(tree.data) : new Map();
  return (
    <DepartmentReports
      reports={reports.data}
      rows={rows}
      title={text.reportsOf(department.name, periodName(period))}
      reportHref={reportPath}
      writable={period.state === 'open'}
    />
  );
}

/** 締切 令和8年4月15日 (2026年4月15日), 締切まであと5日 */
function DeadlineLine({ deadline }: { deadline: string }) {
  const wording = deadlineWording(deadline, new Date());
  return (
    <p className="flex flex-wrap gap-x-4">
      <span>
        <span className="text-std-16B-170">{messages.openReports.deadline}</span> {formatDate(deadline)}
      </span>
      <span className={`text-std-16B-170 ${wording.passed ? 'text-error-2' : 'text-blue-1100'}`}>{wording.text}</span>
    </p>
  );
}

/** One open period's reports of the department, with the rows' places and related rows from the plan's tree. */
function OpenPeriodReports({
  planId,
  group,
  department,
}: {
  planId: number;
  group: OpenPeriodGroup;
  department: Department;
}) {
  const reports = usePeriodReports(group.periodId, { departmentId: department.id });
  const tree = usePlanTree(planId);
  if (reports.isPending) return <Loading />;
  if (reports.isError) return <ErrorAlert error={reports.error} />;
  const ids = new Set(group.reports.map((r) => r.report_id));
  return (
    <DepartmentReports
      reports={reports.data.filter((r) => ids.has(r.id))}
      rows={tree.data ? rowContexts(tree.data) : new Map()}
      title={group.label}
      headingLevel={4}
      lead={<DeadlineLine deadline={group.deadline} />}
      reportHref={reportPath}
      writable
    />
  );
}

function OpenPlan({ group, department }: { group: OpenPlanGroup; department: Department }) {
  const headingId = `open-plan-${group.planId}`;
  return (
    <section aria-labelledby={headingId} className="flex flex-col gap-6 border-t-2 border-blue-900 pt-4">
      <div className="flex flex-wrap items-center gap-3">
        <h3 id={headingId} className="text-std-24B-150 text-solid-gray-900">
          {group.planName}
        </h3>
        {group.current && <Badge tone="blue">{messages.plans.current}</Badge>}
      </div>
      {group.periods.map((period) => (
        <OpenPeriodReports key={period.periodId} planId={group.planId} group={period} department={department} />
      ))}
    </section>
  );
}

/**
 * A department's ホーム: its reports in every open period of every plan, by plan (the chosen one first) and period.
 * With none open, the chosen plan's latest period as before.
 */
function DepartmentHome({ department, fallback }: { department: Department; fallback: ReactNode }) {
  const plan = useCurrentPlan();
  const open = useOpenReports();
  const groups = open.data ? groupOpenReports(open.data, plan.data?.id) : [];
  // Every period's reports and every plan's tree before anything: the page is whole when it shows, not a heading
  // over lists that fill in one by one.
  const details = useQueries({
    queries: groups.flatMap((group) => [
      planTreeQueryOptions(group.planId),
      ...group.periods.map((p) => periodReportsQueryOptions(p.periodId, { departmentId: department.id })),
    ]),
  });
  if (open.isPending) return <Loading />;
  if (open.isError) return <ErrorAlert error={open.error} />;
  if (open.data.length === 0) return fallback;
  if (details.some((query) => query.isPending)) return <Loading />;
  return (
    <section aria-labelledby="open-reports" className="flex flex-col gap-6">
      <div className="flex flex-col gap-2">
        <h2 id="open-reports" className="text-std-28B-150 text-solid-gray-900">
          {messages.openReports.title(department.name)}
        </h2>
        <p>{messages.openReports.lead}</p>
      </div>
      {groups.map((group) => (
        <OpenPlan key={group.planId} group={group} department={department} />
      ))}
    </section>
  );
}

function Secretariat({ period }: { period: ReportingPeriod }) {
  const waiting = usePeriodReports(period.id, { state: 'submitted' });
  const count = waiting.data?.length ?? 0;
  return (
    <section aria-labelledby="secretariat" className="flex flex-col gap-3">
      <h2 id="secretariat" className="text-std-24B-150 text-solid-gray-900">
        {text.secretariat}
      </h2>
      {waiting.isError && <ErrorAlert error={waiting.error} />}
      <ul className="flex flex-col gap-2">
        <li>
          {waiting.isPending ? (
            <Loading />
          ) : (
            <>
              <span className="text-std-18B-160">{count > 0 ? text.reviewWaiting(count) : text.reviewNone}</span>
              {count > 0 && (
                <>
                  {' '}
                  <Link to={`${paths.review}?period=${period.id}`}>{text.toReview}</Link>
                </>
              )}
            </>
          )}
        </li>
        <li>
          <Link to={`${paths.dashboard}?period=${period.id}`}>{text.toDashboard}</Link>
        </li>
        <li>
          <Link to={paths.table}>{text.toTable}</Link>
        </li>
      </ul>
    </section>
  );
}

/** For an admin without a second factor: the city's policy requires one for 事務局 accounts. */
function MfaEnrolmentPrompt() {
  return (
    <section
      aria-labelledby="mfa-prompt"
      className="flex flex-col gap-2 rounded-8 border-2 border-yellow-700 bg-yellow-50 px-4 py-3"
    >
      <h2 id="mfa-prompt" className="text-std-20B-150 text-solid-gray-900">
        {messages.mfa.homeBannerTitle}
      </h2>
      <p>{messages.mfa.policy}</p>
      <p>
        <Link to={paths.account}>{messages.mfa.enrolLink}</Link>
      </p>
    </section>
  );
}

/**
 * The chosen plan's period (the open one, else the latest) at a glance, then for the secretariat what waits for
 * them, for department staff that period's reports; for others a way to the table.
 */
function PlanPeriodHome() {
  const user = useUser();
  const plan = useCurrentPlan();
  const periods = usePeriods(plan.data?.id);

  if (plan.isPending || (plan.data && periods.isPending)) return <Loading />;
  if (plan.isError) return <ErrorAlert error={plan.error} />;
  if (!plan.data) return <p>{messages.errors.noPlan}</p>;
  if (periods.isError) return <ErrorAlert error={periods.error} />;
  const open = openPeriod(periods.data ?? []);
  const shown = open ?? defaultPeriod(periods.data ?? []);
  if (!shown) return <p>{text.noPeriods}</p>;
  return (
    <>
      {!open && <p className="text-std-17B-170">{text.latestPeriod}</p>}
      <PeriodSummary period={shown} />
      {isAdmin(user) ? (
        <Secretariat period={shown} />
      ) : user.role === 'editor' && user.department ? (
        <MyReports period={shown} planId={plan.data.id} department={user.department} />
      ) : user.role === 'editor' ? (
        <p>{text.noDepartment}</p>
      ) : (
        <p>
          <Link to={paths.table}>{text.toTable}</Link>
        </p>
      )}
    </>
  );
}

/**
 * ホーム. Department staff see their reports in every open period of every plan, grouped by plan and period (a
 * report of another plan than the chosen one opens like any other: the report page loads it by its id). The
 * secretariat and viewers see the chosen plan's period: what waits for review, or the way to the table.
 */
export function HomeRoute() {
  const user = useUser();
  const department = user.role === 'editor' ? user.department : null;
  return (
    <>
      <PageTitle title={text.title}>{text.title}</PageTitle>
      {isAdmin(user) && !user.mfa_enabled && <MfaEnrolmentPrompt />}
      {department ? <DepartmentHome department={department} fallback={<PlanPeriodHome />} /> : <PlanPeriodHome />}
    </>
  );
}
