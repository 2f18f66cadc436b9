import { formatDate } from '@/lib/dates';
import { messages } from '@/lib/messages';
import { departmentNames, type InitiativeRow, type RowContext } from '../utils/plan-tree';

const text = messages.reportEditor;

/** What a row is: where it sits in the plan, its 担当課, its 内容 and the same 事業 under other measures. */
export function RowFacts({ row, context }: { row: InitiativeRow; context?: RowContext }) {
  return (
    <dl className="grid gap-x-4 gap-y-1 sm:grid-cols-[auto_1fr]">
      {context && (
        <>
          <dt className="text-std-16B-170">{text.place}</dt>
          <dd>{context.place}</dd>
        </>
      )}
      <dt className="text-std-16B-170">{text.departments}</dt>
      <dd>{departmentNames(row)}</dd>
      <dt className="text-std-16B-170">{text.content}</dt>
      <dd className="whitespace-pre-wrap">{row.content}</dd>
      {context && context.related.length > 0 && (
        <>
          <dt className="text-std-16B-170">{messages.home.related}</dt>
          <dd>
            <ul className="list-disc pl-6">
              {context.related.map((r) => (
                <li key={r}>{r}</li>
              ))}
            </ul>
          </dd>
        </>
      )}
      {row.retired_from && (
        <>
          <dt className="text-std-16B-170">{messages.rowReports.retiredTitle}</dt>
          <dd>{messages.rowReports.retired(formatDate(row.retired_from))}</dd>
        </>
      )}
    </dl>
  );
}
