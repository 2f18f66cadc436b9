import type { components } from '@/api/schema';
import { messages } from '@/lib/messages';
import { useReorderMeasures } from '../../api/reorder-measures';
import type { MeasureNode } from '../../utils/plan-tree';
import { usePlanEditor } from './editor-context';
import { MeasureCreateForm } from './measure-create-form';
import { MeasureEditor } from './measure-editor';
import { ReorderList } from './reorder-list';

type MeasureKind = components['schemas']['MeasureKind'];

const text = messages.planStructure;

/** The measures of one kind (基本施策 or 重点施策) in order, and the form that adds one. */
export function MeasureList({ kind, onSaved }: { kind: MeasureKind; onSaved: () => void }) {
  const { tree } = usePlanEditor();
  const reorder = useReorderMeasures();
  const nodes: MeasureNode[] = tree.measures.filter((node) => node.measure.kind === kind);
  const kindName = messages.measureKinds[kind];
  const headingId = `plan-measures-${kind}`;
  const number = (node: MeasureNode, index: number, renumbered: boolean) =>
    renumbered ? index + 1 : node.measure.number;

  return (
    <section aria-labelledby={headingId} className="flex flex-col gap-4">
      <h3 id={headingId} tabIndex={-1} className="text-std-20B-150">
        {kindName}
      </h3>
      <ReorderList
        items={nodes}
        getId={(node) => node.measure.id}
        label={(node, index, renumbered) => text.measureLabel(kindName, number(node, index, renumbered))}
        onReorder={(ids) => reorder.mutateAsync({ planId: tree.plan.id, kind, measure_ids: ids })}
        listLabel={text.measuresOf(kindName)}
        idPrefix={`plan-measure-order-${kind}`}
        renderItem={(node, index, controls, renumbered) => (
          <MeasureEditor
            node={node}
            number={number(node, index, renumbered)}
            moveControls={controls}
            focusAfterDelete={headingId}
            onSaved={onSaved}
          />
        )}
      />
      <MeasureCreateForm kind={kind} numbers={nodes.map((node) => node.measure.number)} />
    </section>
  );
}
