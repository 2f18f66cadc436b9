import { useEffect, useRef, useState } from 'react';
import { StatusNotice } from '@/components/ui/alert';
import { messages } from '@/lib/messages';
import type { PlanTree } from '../../utils/plan-tree';
import {
  PlanEditorContext,
  type DepartmentOption,
  type PlanEditorContextValue,
  type ReportingPeriod,
} from './editor-context';
import { GroupsEditor } from './groups-editor';
import { MeasureList } from './measure-list';
import { PlanForm } from './plan-form';

const text = messages.planEdit;

const FOCUSABLE = 'select, input, textarea, button:not([disabled]), a[href], [tabindex]';

/** Focuses the element, or, when it is a box that takes no focus (a form), its first control. */
function focusElement(element: HTMLElement) {
  const target = element.matches(FOCUSABLE) ? element : (element.querySelector<HTMLElement>(FOCUSABLE) ?? element);
  target.focus();
}

/**
 * 計画の編集: the plan's names; its measures (基本施策, 重点施策) with their texts, directions and rows, each of them
 * added, reordered, retired (廃止) or deleted here; the rows' 担当課, places and groups. `periods` (for 廃止する時期
 * and the running periods a new row can join) and `departments` come from the route.
 */
export function PlanEditor({
  tree,
  periods,
  departments,
}: {
  tree: PlanTree;
  periods: ReportingPeriod[];
  departments: DepartmentOption[];
}) {
  // A counter with the message, so the same message said twice is announced twice.
  const [status, setStatus] = useState<{ n: number; message: string } | null>(null);
  const [openMeasures, setOpenMeasures] = useState<ReadonlySet<number>>(() => new Set());
  const [focusTarget, setFocusTarget] = useState<{ n: number; id: string } | null>(null);
  const focused = useRef(0);

  // Moves the focus once the element asked for is on the page: after a save the tree is read again, and the
  // element (a moved row, a new measure) may appear only then.
  useEffect(() => {
    if (!focusTarget || focused.current === focusTarget.n) return;
    const element = document.getElementById(focusTarget.id);
    if (!element) return;
    focused.current = focusTarget.n;
    focusElement(element);
  });

  const value: PlanEditorContextValue = {
    tree,
    periods,
    departments,
    notify: (message) => setStatus((s) => ({ n: (s?.n ?? 0) + 1, message })),
    focusLater: (id) => setFocusTarget((f) => ({ n: (f?.n ?? 0) + 1, id })),
    isMeasureOpen: (id) => openMeasures.has(id),
    setMeasureOpen: (id, open) =>
      setOpenMeasures((current) => {
        if (current.has(id) === open) return current;
        const next = new Set(current);
        if (open) next.add(id);
        else next.delete(id);
        return next;
      }),
  };
  const onSaved = () => value.notify(text.saved);

  return (
    <PlanEditorContext value={value}>
      <StatusNotice>{status && <p key={status.n}>{status.message}</p>}</StatusNotice>
      <div className="flex flex-col gap-8">
        <PlanForm plan={tree.plan} onSaved={onSaved} />
        <section aria-labelledby="measures-editor" className="flex flex-col gap-6">
          <h2 id="measures-editor" className="text-std-24B-150">
            {messages.table.measure}
          </h2>
          <MeasureList kind="basic" onSaved={onSaved} />
          <MeasureList kind="priority" onSaved={onSaved} />
        </section>
        <GroupsEditor />
      </div>
    </PlanEditorContext>
  );
}
