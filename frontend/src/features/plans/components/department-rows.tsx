import { useMemo } from 'react';
import { messages } from '@/lib/messages';
import {
  departmentNames,
  directionLabel,
  measureHeading,
  placedRows,
  relatedLabel,
  type PlacedRow,
  type PlanTree,
} from '../utils/plan-tree';

function RowCard({ placed, byId }: { placed: PlacedRow; byId: Map<number, PlacedRow> }) {
  const { row, measure, direction } = placed;
  const related = row.related_row_ids.flatMap((id) => byId.get(id) ?? []);
  const titleId = `row-${row.id}`;
  return (
    <li>
      <article aria-labelledby={titleId} className="flex flex-col gap-3 rounded-8 border border-solid-gray-420 p-4">
        <p className="text-dns-16N-130 text-solid-gray-700">
          {measureHeading(measure)}
          {direction && (
            <>
              <span aria-hidden="true"> ＞ </span>
              <span className="sr-only">、</span>
              {directionLabel(direction)}
            </>
          )}
        </p>
        <h3 id={titleId} className="text-std-20B-150 text-solid-gray-900">
          {row.name}
        </h3>
        <dl className="grid gap-x-4 gap-y-1 sm:grid-cols-[auto_1fr]">
          <dt className="text-std-16B-170">{messages.home.departments}</dt>
          <dd>{departmentNames(row)}</dd>
          <dt className="text-std-16B-170">{messages.home.content}</dt>
          <dd className="whitespace-pre-wrap">{row.content}</dd>
        </dl>
        {related.length > 0 && (
          <div className="rounded-8 bg-yellow-50 p-3">
            <p className="flex flex-wrap items-center gap-2">
              <span className="rounded-4 border border-yellow-1000 bg-white px-2 text-oln-14B-100 leading-6 text-yellow-1100">
                {messages.home.related}
              </span>
              <span className="text-dns-16N-130">{messages.home.relatedLead}</span>
            </p>
            <ul className="mt-2 list-disc pl-6">
              {related.map((r) => (
                <li key={r.row.id}>{relatedLabel(r)}</li>
              ))}
            </ul>
          </div>
        )}
      </article>
    </li>
  );
}

/**
 * The rows a department owns (alone or jointly), each with where it sits in the plan and the rows that are the
 * same 事業 under other measures. `departmentId` null lists every row.
 */
export function DepartmentRows({
  tree,
  departmentId,
  title,
}: {
  tree: PlanTree;
  departmentId: number | null;
  title: string;
}) {
  const all = useMemo(() => placedRows(tree), [tree]);
  const byId = useMemo(() => new Map(all.map((p) => [p.row.id, p])), [all]);
  const mine = departmentId === null ? all : all.filter((p) => p.row.departments.some((d) => d.id === departmentId));

  return (
    <section aria-labelledby="department-rows" className="flex flex-col gap-4">
      <h2 id="department-rows" className="text-std-24B-150 text-solid-gray-900">
        {title}
        <span className="ml-3 text-std-17N-170 text-solid-gray-700">{messages.home.rowCount(mine.length)}</span>
      </h2>
      {mine.length === 0 ? (
        <p>{messages.home.empty}</p>
      ) : (
        <ul className="flex flex-col gap-4">
          {mine.map((p) => (
            <RowCard key={p.row.id} placed={p} byId={byId} />
          ))}
        </ul>
      )}
    </section>
  );
}
