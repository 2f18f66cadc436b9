import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { components } from '@/api/schema';
import { Badge } from '@/components/ui/badge';
import { ReportStateBadge } from '@/components/report-state-badge';
import { messages } from '@/lib/messages';

type CompiledTable = components['schemas']['CompiledTable'];
type TableMeasure = components['schemas']['TableMeasure'];
type TableRow = components['schemas']['TableRow'];
type TablePeriod = components['schemas']['TablePeriod'];
type EvaluationGrade = components['schemas']['EvaluationGrade'];

const text = messages.table;
const cell = 'border border-solid-gray-420 px-3 py-2 align-top text-left';

/** Rows of the table, and of them those whose text differs from the compared period. */
export function tableCounts(table: CompiledTable): { rows: number; changed: number } {
  const rows = table.measures.flatMap((m) => m.sections.flatMap((s) => s.rows));
  return { rows: rows.length, changed: rows.filter((r) => r.changed).length };
}

function gradeText(code: string | null | undefined, grades: EvaluationGrade[]): string | null {
  if (!code) return null;
  const grade = grades.find((g) => g.code === code);
  return grade ? messages.grade(grade.code, grade.label) : code;
}

function Row({
  row,
  compare,
  grades,
  reportHref,
  rowHref,
  showStates,
}: {
  row: TableRow;
  compare: TablePeriod | null;
  grades: EvaluationGrade[];
  reportHref?: (id: number) => string;
  rowHref?: (rowId: number) => string;
  showStates: boolean;
}) {
  const changed = compare !== null && row.changed === true;
  const evaluation = gradeText(row.evaluation, grades);
  return (
    <tr className={changed ? 'bg-yellow-50' : undefined}>
      <th scope="row" className={`${cell} text-std-16B-170`}>
        {row.report_id != null && reportHref ? <Link to={reportHref(row.report_id)}>{row.name}</Link> : row.name}
        {rowHref && (
          <Link to={rowHref(row.row_id)} className="mt-1 block text-dns-14N-130">
            {messages.rowReports.tableLink}
            <span className="sr-only">{messages.rowReports.tableLinkOf(row.name)}</span>
          </Link>
        )}
      </th>
      <td className={cell}>{row.departments_label}</td>
      {/* The city writes bullet lists with line breaks (・…); keep them. */}
      <td className={`${cell} whitespace-pre-wrap`}>{row.content}</td>
      {compare && <td className={`${cell} whitespace-pre-wrap text-solid-gray-800`}>{row.compare_progress ?? ''}</td>}
      <td className={`${cell} whitespace-pre-wrap`}>
        {compare && (
          <span className="mb-1 block">
            {changed ? (
              <Badge tone="yellow">{text.changed}</Badge>
            ) : (
              <span className="text-dns-14N-130 text-solid-gray-700">{text.unchanged}</span>
            )}
          </span>
        )}
        {row.progress}
      </td>
      <td className={cell}>
        <ul className="flex flex-col gap-1 text-dns-16N-130">
          {showStates && row.state && (
            <li>
              <ReportStateBadge state={row.state} />
            </li>
          )}
          {row.implementation_status && (
            <li>{text.statusLine(messages.implementationStatuses[row.implementation_status])}</li>
          )}
          {evaluation && <li>{text.evaluationLine(evaluation)}</li>}
          {row.future_direction && <li>{text.directionLine(messages.futureDirections[row.future_direction])}</li>}
        </ul>
      </td>
    </tr>
  );
}

function MeasureTable({
  measure,
  table,
  grades,
  reportHref,
  rowHref,
  showStates,
}: {
  measure: TableMeasure;
  table: CompiledTable;
  grades: EvaluationGrade[];
  reportHref?: (id: number) => string;
  rowHref?: (rowId: number) => string;
  showStates: boolean;
}) {
  const headingId = `measure-${measure.id}`;
  const compare = table.compare ?? null;
  const columns = compare ? 6 : 5;
  return (
    <section aria-labelledby={headingId} className="flex flex-col gap-4">
      <h3 id={headingId} className="text-std-24B-150 text-solid-gray-900">
        {measure.heading}
      </h3>
      {measure.description && <p className="max-w-[70em] whitespace-pre-wrap">{measure.description}</p>}
      <div className="overflow-x-auto">
        <table className={`w-full border-collapse text-std-16N-170 ${compare ? 'min-w-[72rem]' : 'min-w-[60rem]'}`}>
          <caption className="border border-b-0 border-solid-gray-420 bg-solid-gray-50 px-3 py-2 text-left text-std-17B-170">
            {`${messages.measureKinds[measure.kind]}${measure.number} ${measure.table_title}`}
          </caption>
          <colgroup>
            <col className="w-[14%]" />
            <col className="w-[10%]" />
            <col className={compare ? 'w-[20%]' : 'w-[26%]'} />
            {compare && <col className="w-[22%]" />}
            <col />
            <col className="w-[12%]" />
          </colgroup>
          <thead className="bg-solid-gray-50">
            <tr>
              <th scope="col" className={cell}>
                {measure.item_label}
              </th>
              <th scope="col" className={cell}>
                {text.departmentColumn}
              </th>
              <th scope="col" className={cell}>
                {text.contentColumn}
              </th>
              {compare && (
                <th scope="col" className={cell}>
                  {compare.progress_header}
                </th>
              )}
              <th scope="col" className={cell}>
                {table.period.progress_header}
              </th>
              <th scope="col" className={cell}>
                {text.statusColumn}
              </th>
            </tr>
          </thead>
          {measure.sections.map((section, index) => (
            <tbody key={section.direction?.id ?? `direct-${index}`}>
              {section.direction && (
                <tr>
                  <th
                    scope="rowgroup"
                    colSpan={columns}
                    className={`${cell} bg-blue-50 text-std-17B-170 text-blue-1100`}
                  >
                    {section.direction.label}
                  </th>
                </tr>
              )}
              {section.rows.map((row) => (
                <Row
                  key={row.row_id}
                  row={row}
                  compare={compare}
                  grades={grades}
                  reportHref={reportHref}
                  rowHref={rowHref}
                  showStates={showStates}
                />
              ))}
            </tbody>
          ))}
        </table>
      </div>
    </section>
  );
}

function KindSection({ title, children }: { title: string; children: ReactNode[] }) {
  if (children.length === 0) return null;
  return (
    <section className="flex flex-col gap-10">
      <h2 className="border-b-2 border-blue-900 pb-1 text-std-28B-150 text-solid-gray-900">{title}</h2>
      {children}
    </section>
  );
}

/**
 * The 施策別事業進行管理表 of one period as the city lays it out: per measure a heading, its description, and a
 * table with the rows under ①②③. With a compared period, its text stands beside this period's and changed rows
 * are marked (by colour and by the words 「変更あり」).
 */
export function CompiledTableView({
  table,
  grades,
  reportHref,
  rowHref,
  showStates = true,
}: {
  table: CompiledTable;
  grades: EvaluationGrade[];
  /** Links each row to its report; without it rows are plain text (the public edition). */
  reportHref?: (id: number) => string;
  /** Links each row to its reports of every period (事業の報告の推移); none on the public edition. */
  rowHref?: (rowId: number) => string;
  /** The workflow state (下書き, 承認済…) of each report: for staff, not for the public. */
  showStates?: boolean;
}) {
  const measures = table.measures.filter((m) => m.sections.some((s) => s.rows.length > 0));
  if (measures.length === 0) return <p>{text.empty}</p>;
  const render = (m: TableMeasure) => (
    <MeasureTable
      key={m.id}
      measure={m}
      table={table}
      grades={grades}
      reportHref={reportHref}
      rowHref={rowHref}
      showStates={showStates}
    />
  );
  return (
    <div className="flex flex-col gap-10">
      <KindSection title={messages.measureKinds.basic}>
        {measures.filter((m) => m.kind === 'basic').map(render)}
      </KindSection>
      <KindSection title={messages.measureKinds.priority}>
        {measures.filter((m) => m.kind === 'priority').map(render)}
      </KindSection>
    </div>
  );
}
