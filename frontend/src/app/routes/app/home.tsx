import { Link } from 'react-router';
import { ErrorAlert, Loading } from '@/components/ui/alert';
import { PageTitle } from '@/components/ui/page-title';
import { PeriodSummary } from '@/features/periods/components/period-summary';
import { usePeriods } from '@/features/periods/api/get-periods';
import { defaultPeriod, openPeriod, periodName, type ReportingPeriod } from '@/features/periods/utils/periods';
import { useCurrentPlan } from '@/features/plans/api/get-plans';
import { usePlanTree } from '@/features/plans/api/get-plan-tree';
import { rowContexts } from '@/features/plans/utils/plan-tree';
import { usePeriodReports } from '@/features/reports/api/get-period-reports';
import { DepartmentReports } from '@/features/reports/components/department-reports';
import { isAdmin, useUser } from '@/lib/auth';
import { messages } from '@/lib/messages';
import { paths, reportPath } from '../../paths';

const text = messages.home;

function MyReports({ period, planId }: { period: ReportingPeriod; planId: number }) {
  const user = useUser();
  const department = user.department!;
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
 * ホーム: the period departments are writing (with the days left), then for department staff their reports; for
 * the secretariat what waits for them.
 */
export function HomeRoute() {
  const user = useUser();
  const plan = useCurrentPlan();
  const periods = usePeriods(plan.data?.id);

  let body;
  if (plan.isPending || (plan.data && periods.isPending)) body = <Loading />;
  else if (plan.isError) body = <ErrorAlert error={plan.error} />;
  else if (!plan.data) body = <p>{messages.errors.noPlan}</p>;
  else if (periods.isError) body = <ErrorAlert error={periods.error} />;
  else {
    const open = openPeriod(periods.data ?? []);
    const shown = open ?? defaultPeriod(periods.data ?? []);
    body = !shown ? (
      <p>{text.noPeriods}</p>
    ) : (
      <>
        {!open && <p className="text-std-17B-170">{text.latestPeriod}</p>}
        <PeriodSummary period={shown} />
        {isAdmin(user) ? (
          <Secretariat period={shown} />
        ) : user.role === 'editor' && user.department ? (
          <MyReports period={shown} planId={plan.data.id} />
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

  return (
    <>
      <PageTitle title={text.title}>{text.title}</PageTitle>
      {isAdmin(user) && !user.mfa_enabled && <MfaEnrolmentPrompt />}
      {body}
    </>
  );
}
