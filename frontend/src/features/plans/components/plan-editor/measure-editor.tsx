import type { ReactNode } from 'react';
import { messages } from '@/lib/messages';
import { useReorderDirections } from '../../api/reorder-directions';
import { directionNumber, type MeasureNode } from '../../utils/plan-tree';
import { measureRowIds } from '../../utils/structure';
import { DirectionCreateForm } from './direction-create-form';
import { DirectionEditor } from './direction-editor';
import { focusIds, usePlanEditor } from './editor-context';
import { RetiredBadge, useItemTools } from './item-tools';
import { MeasureForm } from './measure-form';
import { ReorderList } from './reorder-list';
import { RowCreateForm } from './row-create-form';
import { RowList } from './row-list';

const text = messages.planStructure;

/**
 * One measure: a heading that opens and closes it, 上へ / 下へ, and when open its texts (heading, table caption,
 * description, first column's label), 廃止 / 削除, its rows and directions, and the forms that add to it. Its forms
 * render only while it is open: the plan has 70 rows, and most edits touch one measure.
 */
export function MeasureEditor({
  node,
  number,
  moveControls,
  focusAfterDelete,
  onSaved,
}: {
  node: MeasureNode;
  /** The number it shows: its position while a new order is being saved. */
  number: number;
  moveControls: ReactNode;
  focusAfterDelete: string;
  onSaved: () => void;
}) {
  const { isMeasureOpen, setMeasureOpen } = usePlanEditor();
  const reorderDirections = useReorderDirections();
  const { measure } = node;
  const open = isMeasureOpen(measure.id);
  const label = text.measureLabel(messages.measureKinds[measure.kind], number);
  const contentId = `plan-measure-content-${measure.id}`;
  const headingId = `plan-measure-heading-${measure.id}`;
  const tools = useItemTools({
    type: 'measure',
    id: measure.id,
    label,
    retiredFrom: measure.retired_from ?? null,
    rowIds: measureRowIds(node),
    focusAfterDelete,
  });
  const showDirectRows = node.rows.length > 0 || measure.kind === 'priority' || node.directions.length === 0;

  return (
    <section
      id={focusIds.measure(measure.id)}
      tabIndex={-1}
      aria-labelledby={headingId}
      className="rounded-8 border border-solid-gray-420 bg-white"
    >
      <div className="flex flex-wrap items-center gap-2 px-4 py-3">
        <h4 id={headingId} className="grow text-std-18B-160">
          <button
            type="button"
            aria-expanded={open}
            aria-controls={contentId}
            onClick={() => setMeasureOpen(measure.id, !open)}
            className="flex w-full items-start gap-2 text-left hover:underline"
          >
            <span aria-hidden="true">{open ? '▼' : '▶'}</span>
            <span>
              {label} {measure.title}
            </span>
          </button>
        </h4>
        <RetiredBadge retiredFrom={measure.retired_from} />
        {moveControls}
      </div>
      {open && (
        <div id={contentId} className="flex flex-col gap-6 border-t border-solid-gray-420 p-4">
          <MeasureForm measure={measure} onSaved={onSaved} />
          <div role="group" aria-label={text.rowTools(label)} className="flex flex-wrap items-center gap-2">
            {tools.buttons}
          </div>
          {tools.panel}
          {showDirectRows && (
            <section aria-label={text.directRows} className="flex flex-col gap-4">
              {node.rows.length === 0 && node.directions.length === 0 && <p>{text.noRows}</p>}
              <RowList
                node={node}
                directionId={null}
                rows={node.rows}
                listLabel={text.directRows}
                focusAfterDelete={focusIds.measure(measure.id)}
                onSaved={onSaved}
              />
            </section>
          )}
          {node.directions.length > 0 && (
            <ReorderList
              items={node.directions}
              getId={(d) => d.direction.id}
              label={(d, index, renumbered) =>
                text.directionLabel(directionNumber(renumbered ? index + 1 : d.direction.number))
              }
              onReorder={(ids) => reorderDirections.mutateAsync({ measureId: measure.id, directionIds: ids })}
              listLabel={text.directionsOf(label)}
              idPrefix={`plan-direction-order-${measure.id}`}
              className="flex flex-col gap-6"
              renderItem={(d, index, controls, renumbered) => (
                <DirectionEditor
                  node={node}
                  direction={d.direction}
                  rows={d.rows}
                  number={renumbered ? index + 1 : d.direction.number}
                  moveControls={controls}
                  onSaved={onSaved}
                />
              )}
            />
          )}
          {measure.kind === 'basic' && <DirectionCreateForm node={node} />}
          <RowCreateForm node={node} />
        </div>
      )}
    </section>
  );
}
