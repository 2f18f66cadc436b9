import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { useParams } from 'react-router';
import { ErrorAlert, Loading } from '@/components/ui/alert';
import { PageTitle } from '@/components/ui/page-title';
import { useEvaluationGrades } from '@/features/plans/api/get-evaluation-grades';
import { usePlanTree } from '@/features/plans/api/get-plan-tree';
import { useRow } from '@/features/plans/api/get-row';
import { rowReportsQueryOptions } from '@/features/plans/api/get-row-reports';
import { RowFacts } from '@/features/plans/components/row-facts';
import { rowContexts } from '@/features/plans/utils/plan-tree';
import { RowReports } from '@/features/reports/components/row-reports';
import { messages } from '@/lib/messages';
import { reportPath } from '../../paths';

const text = messages.rowReports;

/** 事業の報告の推移 (/rows/:id): one row and its reports of every period side by side. */
export function RowRoute() {
  const id = Number(useParams().id);
  const valid = Number.isInteger(id) && id > 0;
  const row = useRow(id, valid);
  const reports = useQuery({ ...rowReportsQueryOptions(id), enabled: valid });
  const tree = usePlanTree(row.data?.plan_id);
  const grades = useEvaluationGrades(row.data?.plan_id);
  const reportsTitle = useId();
  const title = row.data?.name ?? text.title;

  let body;
  if (row.isError) body = <ErrorAlert error={row.error} />;
  else if (reports.isError) body = <ErrorAlert error={reports.error} />;
  else if (grades.isError) body = <ErrorAlert error={grades.error} />;
  else if (!row.data || !reports.data || !grades.data) body = <Loading />;
  else {
    const context = tree.data ? rowContexts(tree.data).get(row.data.id) : undefined;
    body = (
      <>
        <p>{text.lead}</p>
        <RowFacts row={row.data} context={context} />
        <section aria-labelledby={reportsTitle} className="flex flex-col gap-4">
          <h2 id={reportsTitle} className="text-std-24B-150 text-solid-gray-900">
            {text.periods}
          </h2>
          <RowReports reports={reports.data} grades={grades.data} reportHref={reportPath} />
        </section>
      </>
    );
  }

  return (
    <>
      <div className="flex flex-col gap-1">
        <p className="text-std-18N-160 text-solid-gray-700">{text.title}</p>
        <PageTitle title={row.data ? text.documentTitle(row.data.name) : text.title}>{title}</PageTitle>
      </div>
      {body}
    </>
  );
}
