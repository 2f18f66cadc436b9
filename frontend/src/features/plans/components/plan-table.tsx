import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { SelectField } from '@/components/ui/form-field';
import { messages } from '@/lib/messages';
import {
  countRows,
  filterTree,
  measureHeading,
  rowDepartments,
  type MeasureNode,
  type PlanTree,
  type TableFilter,
} from '../utils/plan-tree';
import { MeasureTable } from './measure-table';

// The filter lives in the address (?department=3&measure=5), so a filtered table can be bookmarked, shared and
// reached again with the browser's back button.
function useTableFilter(): [TableFilter, (name: 'department' | 'measure', value: string) => void] {
  const [params, setParams] = useSearchParams();
  const id = (name: string) => {
    const value = Number(params.get(name));
    return Number.isInteger(value) && value > 0 ? value : null;
  };
  const filter = { departmentId: id('department'), measureId: id('measure') };
  const setFilter = (name: 'department' | 'measure', value: string) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value) next.set(name, value);
        else next.delete(name);
        return next;
      },
      { replace: true },
    );
  return [filter, setFilter];
}

function KindSection({ title, nodes }: { title: string; nodes: MeasureNode[] }) {
  if (nodes.length === 0) return null;
  return (
    <section className="flex flex-col gap-10">
      <h2 className="border-b-2 border-blue-900 pb-1 text-std-28B-150 text-solid-gray-900">{title}</h2>
      {nodes.map((node) => (
        <MeasureTable key={node.measure.id} node={node} />
      ))}
    </section>
  );
}

/** The whole 施策別事業進行管理表 in the plan's order, with filters by department and measure. */
export function PlanTable({ tree }: { tree: PlanTree }) {
  const [{ departmentId, measureId }, setFilter] = useTableFilter();
  const departments = useMemo(() => rowDepartments(tree), [tree]);
  const shown = useMemo(() => filterTree(tree.measures, { departmentId, measureId }), [tree, departmentId, measureId]);

  return (
    <div className="flex flex-col gap-10">
      <section aria-label={messages.table.filters}>
        <div className="grid gap-4 rounded-8 bg-solid-gray-50 p-4 sm:grid-cols-2">
          <SelectField
            label={messages.table.department}
            value={departmentId ?? ''}
            onChange={(e) => setFilter('department', e.target.value)}
          >
            <option value="">{messages.table.all}</option>
            {departments.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
          </SelectField>
          <SelectField
            label={messages.table.measure}
            value={measureId ?? ''}
            onChange={(e) => setFilter('measure', e.target.value)}
          >
            <option value="">{messages.table.all}</option>
            {tree.measures.map(({ measure }) => (
              <option key={measure.id} value={measure.id}>
                {measureHeading(measure)}
              </option>
            ))}
          </SelectField>
        </div>
        <p role="status" className="mt-2 text-solid-gray-700">
          {messages.table.rowCount(countRows(shown))}
        </p>
      </section>
      {shown.length === 0 ? (
        <p>{messages.table.empty}</p>
      ) : (
        <>
          <KindSection title={messages.measureKinds.basic} nodes={shown.filter((n) => n.measure.kind === 'basic')} />
          <KindSection
            title={messages.measureKinds.priority}
            nodes={shown.filter((n) => n.measure.kind === 'priority')}
          />
        </>
      )}
    </div>
  );
}
