import { useId } from 'react';
import { Link } from 'react-router';
import type { components } from '@/api/schema';
import { Badge, type BadgeTone } from '@/components/ui/badge';
import { ReportStateBadge } from '@/components/report-state-badge';
import { formatDate, formatDateTime } from '@/lib/dates';
import { messages } from '@/lib/messages';
import type { EvaluationGrade } from '../utils/report-fields';
import { ReportFieldsView } from './report-fields-view';

type RowPeriodReport = components['schemas']['RowPeriodReport'];
type PeriodState = components['schemas']['PeriodState'];

const text = messages.rowReports;

const periodTones: Record<PeriodState, BadgeTone> = {
  preparing: 'gray',
  open: 'blue',
  closed: 'gray',
  published: 'green',
};

function PeriodColumn({
  report,
  grades,
  reportHref,
}: {
  report: RowPeriodReport;
  grades: EvaluationGrade[];
  reportHref: (id: number) => string;
}) {
  const titleId = useId();
  return (
    <section
      aria-labelledby={titleId}
      className="flex min-w-0 flex-col gap-3 rounded-8 border border-solid-gray-420 bg-white p-4"
    >
      <div className="flex flex-col gap-1">
        <h3 id={titleId} className="text-std-20B-150 text-solid-gray-900">
          {report.period_label}
        </h3>
        <p className="text-dns-16N-130 text-solid-gray-700">{text.asOf(formatDate(report.as_of))}</p>
      </div>
      <dl className="grid grid-cols-[auto_1fr] items-center gap-x-3 gap-y-1 text-dns-16N-130">
        <dt>{text.periodState}</dt>
        <dd>
          <Badge tone={periodTones[report.period_state]}>{messages.periodStates[report.period_state]}</Badge>
        </dd>
        <dt>{text.reportState}</dt>
        <dd>
          <ReportStateBadge state={report.state} />
        </dd>
      </dl>
      <ReportFieldsView fields={report} grades={grades} />
      <p className="text-dns-16N-130 text-solid-gray-700">{text.updated(formatDateTime(report.updated_at))}</p>
      <p>
        <Link to={reportHref(report.report_id)} className="text-std-16B-170">
          {text.open}
          <span className="sr-only">{text.openOf(report.period_label)}</span>
        </Link>
      </p>
    </section>
  );
}

/**
 * A row's reports of every period, oldest first: side by side as columns on a wide screen (scrolling sideways when
 * there are many periods), one under the other on a narrow one. Each links to its report.
 */
export function RowReports({
  reports,
  grades,
  reportHref,
}: {
  reports: RowPeriodReport[];
  grades: EvaluationGrade[];
  reportHref: (id: number) => string;
}) {
  if (reports.length === 0) return <p>{text.empty}</p>;
  return (
    <div className="overflow-x-auto pb-2">
      <div className="grid items-start gap-4 lg:auto-cols-[minmax(20rem,1fr)] lg:grid-flow-col">
        {reports.map((r) => (
          <PeriodColumn key={r.report_id} report={r} grades={grades} reportHref={reportHref} />
        ))}
      </div>
    </div>
  );
}
