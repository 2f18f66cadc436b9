import type { ReactNode } from 'react';
import { messages } from '@/lib/messages';
import { directionNumber, type Direction, type InitiativeRow, type MeasureNode } from '../../utils/plan-tree';
import { DirectionForm } from './direction-form';
import { focusIds } from './editor-context';
import { RetiredBadge, useItemTools } from './item-tools';
import { RowList } from './row-list';

const text = messages.planStructure;

/** One direction ①②③ of a 基本施策: its title, 上へ / 下へ, 廃止 / 削除, and its rows. */
export function DirectionEditor({
  node,
  direction,
  rows,
  number,
  moveControls,
  onSaved,
}: {
  node: MeasureNode;
  direction: Direction;
  rows: InitiativeRow[];
  /** The number it shows as: its position while a new order is being saved. */
  number: number;
  moveControls: ReactNode;
  onSaved: () => void;
}) {
  const label = text.directionLabel(directionNumber(number));
  const headingId = `plan-direction-heading-${direction.id}`;
  const tools = useItemTools({
    type: 'direction',
    id: direction.id,
    label,
    retiredFrom: direction.retired_from ?? null,
    rowIds: rows.map((r) => r.id),
    focusAfterDelete: focusIds.measure(node.measure.id),
  });
  return (
    <section
      id={focusIds.direction(direction.id)}
      tabIndex={-1}
      aria-labelledby={headingId}
      className="flex flex-col gap-4 rounded-8 bg-blue-50 p-4"
    >
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <h5 id={headingId} className="text-std-17B-170">
          {label}
          <span className="ml-2 text-std-16N-170">{direction.title}</span>
        </h5>
        <RetiredBadge retiredFrom={direction.retired_from} />
      </div>
      <DirectionForm direction={direction} onSaved={onSaved} />
      <div role="group" aria-label={text.rowTools(label)} className="flex flex-wrap items-center gap-2">
        {moveControls}
        {tools.buttons}
      </div>
      {tools.panel}
      <RowList
        node={node}
        directionId={direction.id}
        rows={rows}
        listLabel={text.directionRows(label)}
        focusAfterDelete={focusIds.direction(direction.id)}
        onSaved={onSaved}
      />
    </section>
  );
}
