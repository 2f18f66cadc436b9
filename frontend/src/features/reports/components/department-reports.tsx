import { useId, type ReactNode } from 'react';
import { Link } from 'react-router';
import { ReportStateBadge } from '@/components/report-state-badge';
import { formatDateTime } from '@/lib/dates';
import { messages } from '@/lib/messages';
import type { ReportState, ReportView } from '../utils/report-fields';

const text = messages.departmentReports;
const STATES: ReportState[] = ['returned', 'draft', 'submitted', 'approved'];

export type RowInfo = { place: string; related: string[] };

type HeadingLevel = 2 | 3 | 4 | 5;
const headingTags = { 2: 'h2', 3: 'h3', 4: 'h4', 5: 'h5' } as const;

function ReportCard({
  report,
  info,
  href,
  writable,
  headingLevel,
}: {
  report: ReportView;
  info: RowInfo | undefined;
  href: string;
  writable: boolean;
  headingLevel: HeadingLevel;
}) {
  const titleId = `report-${report.id}`;
  const Heading = headingTags[headingLevel];
  const returned = report.state === 'returned';
  const open = writable && (report.state === 'draft' || returned);
  return (
    <li>
      <article
        aria-labelledby={titleId}
        className={`flex flex-col gap-3 rounded-8 p-4 ${
          returned ? 'border-4 border-error-1 bg-red-50' : 'border border-solid-gray-420'
        }`}
      >
        {info && <p className="text-dns-16N-130 text-solid-gray-700">{info.place}</p>}
        <div className="flex flex-wrap items-center gap-3">
          <Heading id={titleId} className="text-std-20B-150 text-solid-gray-900">
            {report.row.name}
          </Heading>
          <ReportStateBadge state={report.state} />
          {report.submitted_late && <span className="text-dns-16N-130 text-error-2">{text.late}</span>}
        </div>
        <dl className="grid gap-x-4 gap-y-1 sm:grid-cols-[auto_1fr]">
          <dt className="text-std-16B-170">{messages.home.departments}</dt>
          <dd>{report.row.departments.map((d) => d.name).join('／')}</dd>
          <dt className="text-std-16B-170">{messages.home.content}</dt>
          <dd className="whitespace-pre-wrap">{report.row.content}</dd>
          {report.updated_by && (
            <>
              <dt className="text-std-16B-170">{text.updated}</dt>
              <dd>{text.updatedBy(report.updated_by.display_name, formatDateTime(report.updated_at))}</dd>
            </>
          )}
        </dl>
        {returned && report.return_comment && (
          <div className="rounded-8 border-2 border-error-1 bg-white p-3">
            <p className="text-std-16B-170 text-error-2">{messages.reportEditor.returnComment}</p>
            <p className="whitespace-pre-wrap">{report.return_comment}</p>
          </div>
        )}
        {info && info.related.length > 0 && (
          <div className="rounded-8 bg-yellow-50 p-3">
            <p className="flex flex-wrap items-center gap-2">
              <span className="rounded-4 border border-yellow-1000 bg-white px-2 text-oln-14B-100 leading-6 text-yellow-1100">
                {messages.home.related}
              </span>
              <span className="text-dns-16N-130">{messages.home.relatedLead}</span>
            </p>
            <ul className="mt-2 list-disc pl-6">
              {info.related.map((r) => (
                <li key={r}>{r}</li>
              ))}
            </ul>
          </div>
        )}
        <p>
          <Link
            to={href}
            className={
              open
                ? 'inline-flex min-h-12 items-center rounded-8 border-2 border-blue-900 bg-blue-900 px-4 py-2 text-oln-16B-100 text-white no-underline hover:bg-blue-1000 hover:text-white hover:underline'
                : ''
            }
          >
            {open ? text.write : text.view}
            <span className="sr-only">{`（${report.row.name}）`}</span>
          </Link>
        </p>
      </article>
    </li>
  );
}

/**
 * A department's reports of one period, in table order, each with its state; 差戻し reports stand out with the
 * secretariat's comment, and rows that are the same 事業 under other measures say so.
 */
export function DepartmentReports({
  reports,
  rows,
  title,
  reportHref,
  writable,
  headingLevel = 2,
  lead,
}: {
  reports: ReportView[];
  rows: Map<number, RowInfo>;
  title: string;
  reportHref: (id: number) => string;
  /** The period takes reports now (受付中) and the user writes them. */
  writable: boolean;
  /** The level of the title's heading (2 unless the list sits under other headings); the reports' are one below. */
  headingLevel?: 2 | 3 | 4;
  /** Shown under the title, e.g. the deadline. */
  lead?: ReactNode;
}) {
  const counts = STATES.map((state) => ({ state, count: reports.filter((r) => r.state === state).length }));
  const headingId = useId();
  const Heading = headingTags[headingLevel];
  return (
    <section aria-labelledby={headingId} className="flex flex-col gap-4">
      <Heading
        id={headingId}
        className={`${headingLevel === 2 ? 'text-std-24B-150' : 'text-std-22B-150'} text-solid-gray-900`}
      >
        {title}
        <span className="ml-3 text-std-17N-170 text-solid-gray-700">{messages.home.rowCount(reports.length)}</span>
      </Heading>
      {lead}
      {reports.length === 0 ? (
        <p>{messages.home.empty}</p>
      ) : (
        <>
          <ul aria-label={text.summary} className="flex flex-wrap gap-4">
            {counts.map(({ state, count }) => (
              <li key={state} className="flex items-center gap-2">
                <ReportStateBadge state={state} />
                <span>{messages.home.rowCount(count)}</span>
              </li>
            ))}
          </ul>
          <ul className="flex flex-col gap-4">
            {reports.map((r) => (
              <ReportCard
                key={r.id}
                report={r}
                info={rows.get(r.row.id)}
                href={reportHref(r.id)}
                writable={writable}
                headingLevel={(headingLevel + 1) as HeadingLevel}
              />
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
