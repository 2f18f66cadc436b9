import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { ErrorAlert, Loading } from '@/components/ui/alert';
import { PageTitle } from '@/components/ui/page-title';
import { usePeriod } from '@/features/periods/api/get-period';
import { periodName } from '@/features/periods/utils/periods';
import { useEvaluationGrades } from '@/features/plans/api/get-evaluation-grades';
import { usePlanTree } from '@/features/plans/api/get-plan-tree';
import { rowContexts } from '@/features/plans/utils/plan-tree';
import { reportQueryOptions } from '@/features/reports/api/get-report';
import { ReportEditor } from '@/features/reports/components/report-editor';
import { ReportHistory } from '@/features/reports/components/report-history';
import { messages } from '@/lib/messages';
import { paths, rowPath } from '../../paths';

/** 報告の入力 (/reports/:id): one report with last period's text, for its department to write and submit. */
export function ReportRoute() {
  const id = Number(useParams().id);
  // Always from the server, never from the cache: an editor must start from the version that is current now.
  const report = useQuery({ ...reportQueryOptions(id), refetchOnMount: 'always', enabled: Number.isInteger(id) });
  const data = report.isFetchedAfterMount ? report.data : undefined;
  const period = usePeriod(data?.report.period_id);
  const grades = useEvaluationGrades(data?.report.row.plan_id);
  const tree = usePlanTree(data?.report.row.plan_id);
  const title = data?.report.row.name ?? messages.reportEditor.title;

  let body;
  if (report.isError) body = <ErrorAlert error={report.error} />;
  else if (period.isError) body = <ErrorAlert error={period.error} />;
  else if (grades.isError) body = <ErrorAlert error={grades.error} />;
  else if (!data || !period.data || !grades.data) body = <Loading />;
  else {
    const context = tree.data ? rowContexts(tree.data).get(data.report.row.id) : undefined;
    body = (
      <>
        <ReportEditor
          key={data.report.id}
          report={data.report}
          etag={data.etag}
          grades={grades.data}
          place={context?.place}
          related={context?.related}
        />
        <ReportHistory
          key={`history-${data.report.id}`}
          reportId={data.report.id}
          versionCount={data.report.version}
          grades={grades.data}
        />
      </>
    );
  }

  return (
    <>
      <p className="flex flex-wrap gap-x-6 gap-y-2">
        <Link to={paths.home}>{messages.reportEditor.back}</Link>
        {data && <Link to={rowPath(data.report.row.id)}>{messages.reportHistory.rowLink}</Link>}
      </p>
      <div className="-mt-4 flex flex-col gap-1">
        {period.data && <p className="text-std-18N-160 text-solid-gray-700">{periodName(period.data)}</p>}
        <PageTitle title={title}>{title}</PageTitle>
      </div>
      {body}
    </>
  );
}
