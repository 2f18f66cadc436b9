import { useState } from 'react';
import { StatusNotice } from '@/components/ui/alert';
import { messages } from '@/lib/messages';
import { directionLabel, measureHeading, type MeasureNode, type PlanTree } from '../../utils/plan-tree';
import { DirectionForm } from './direction-form';
import { MeasureForm } from './measure-form';
import { PlanForm } from './plan-form';
import { RowForm } from './row-form';

const text = messages.planEdit;

// A measure's forms render only while its section is open: the plan has 70 rows, and most edits touch one.
function MeasureEditor({ node, onSaved }: { node: MeasureNode; onSaved: () => void }) {
  const [open, setOpen] = useState(false);
  const { measure } = node;
  return (
    <details className="rounded-8 border border-solid-gray-420" onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary className="cursor-pointer px-4 py-3">
        <h3 className="inline text-std-18B-160">{measureHeading(measure)}</h3>
      </summary>
      {open && (
        <div className="flex flex-col gap-6 border-t border-solid-gray-420 p-4">
          <MeasureForm measure={measure} onSaved={onSaved} />
          {node.rows.map((row) => (
            <RowForm key={row.id} row={row} itemLabel={measure.item_label} onSaved={onSaved} />
          ))}
          {node.directions.map(({ direction, rows }) => (
            <section
              key={direction.id}
              aria-label={directionLabel(direction)}
              className="flex flex-col gap-4 rounded-8 bg-blue-50 p-4"
            >
              <DirectionForm direction={direction} onSaved={onSaved} />
              {rows.map((row) => (
                <RowForm key={row.id} row={row} itemLabel={measure.item_label} onSaved={onSaved} />
              ))}
            </section>
          ))}
        </div>
      )}
    </details>
  );
}

/** 計画の編集: the plan's names, and each measure's texts, directions and rows. */
export function PlanEditor({ tree }: { tree: PlanTree }) {
  const [saved, setSaved] = useState(0);
  // A counter rather than a flag, so a second save re-announces the message.
  const onSaved = () => setSaved((n) => n + 1);
  return (
    <div>
      <StatusNotice>{saved > 0 && <p key={saved}>{text.saved}</p>}</StatusNotice>
      <div className="flex flex-col gap-8">
        <PlanForm plan={tree.plan} onSaved={onSaved} />
        <section aria-labelledby="measures-editor" className="flex flex-col gap-4">
          <h2 id="measures-editor" className="text-std-24B-150">
            {messages.table.measure}
          </h2>
          {tree.measures.map((node) => (
            <MeasureEditor key={node.measure.id} node={node} onSaved={onSaved} />
          ))}
        </section>
      </div>
    </div>
  );
}
