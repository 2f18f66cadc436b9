import { messages } from '@/lib/messages';
import { useReorderRows } from '../../api/reorder-rows';
import type { InitiativeRow, MeasureNode } from '../../utils/plan-tree';
import { measureRowOrder } from '../../utils/structure';
import { ReorderList } from './reorder-list';
import { RowEditor } from './row-editor';

/**
 * The rows of one part of a measure (directly under it, or under one direction), in order. Reordering sends every
 * row of the measure: this part in its new order, the others as they are.
 */
export function RowList({
  node,
  directionId,
  rows,
  listLabel,
  focusAfterDelete,
  onSaved,
}: {
  node: MeasureNode;
  directionId: number | null;
  rows: InitiativeRow[];
  listLabel: string;
  focusAfterDelete: string;
  onSaved: () => void;
}) {
  const reorder = useReorderRows();
  if (rows.length === 0) return null;
  return (
    <ReorderList
      items={rows}
      getId={(row) => row.id}
      label={(row) => row.name}
      onReorder={(ids) =>
        reorder.mutateAsync({ measureId: node.measure.id, rowIds: measureRowOrder(node, directionId, ids) })
      }
      listLabel={listLabel}
      idPrefix={`plan-row-order-${node.measure.id}-${directionId ?? 0}`}
      renderItem={(row, _index, controls) => (
        <RowEditor
          row={row}
          itemLabel={node.measure.item_label || messages.planEdit.rowName}
          moveControls={controls}
          focusAfterDelete={focusAfterDelete}
          headingLevel={directionId === null ? 5 : 6}
          onSaved={onSaved}
        />
      )}
    />
  );
}
