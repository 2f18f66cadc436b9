import { useState, type ReactNode } from 'react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { messages } from '@/lib/messages';
import { departmentNames, type InitiativeRow } from '../../utils/plan-tree';
import { focusIds, usePlanEditor } from './editor-context';
import { RetiredBadge, useItemTools } from './item-tools';
import { RowDepartmentsForm } from './row-departments-form';
import { RowForm } from './row-form';
import { RowGroupForm } from './row-group-form';
import { RowMoveForm } from './row-move-form';

const text = messages.planStructure;

type Panel = 'departments' | 'move' | 'group' | null;

/**
 * One row in the editor: its heading (name, 担当課, 廃止), its 取組項目 / 内容 form, and its tools: 上へ / 下へ
 * (`moveControls`), 担当課, 配置・移動, 関連する事業, 廃止, 削除. Each tool opens its form under the toolbar.
 */
export function RowEditor({
  row,
  itemLabel,
  moveControls,
  focusAfterDelete,
  headingLevel,
  onSaved,
}: {
  row: InitiativeRow;
  /** h5 for a row directly under a measure, h6 under a direction. */
  headingLevel: 5 | 6;
  itemLabel: string;
  moveControls: ReactNode;
  focusAfterDelete: string;
  onSaved: () => void;
}) {
  const { tree, focusLater } = usePlanEditor();
  const [panel, setPanel] = useState<Panel>(null);
  const headingId = `plan-row-heading-${row.id}`;
  const panelId = `plan-row-panel-${row.id}`;
  const toggleId = (p: Exclude<Panel, null>) => `plan-row-${p}-${row.id}`;
  const tools = useItemTools({
    type: 'row',
    id: row.id,
    label: row.name,
    retiredFrom: row.retired_from ?? null,
    rowIds: [row.id],
    focusAfterDelete,
  });
  const group = tree.groups.find((g) => g.id === row.group_id);
  const Heading = headingLevel === 5 ? 'h5' : 'h6';

  const toggle = (p: Exclude<Panel, null>, label: string) => (
    <Button
      id={toggleId(p)}
      variant="secondary"
      size="sm"
      aria-label={`${row.name}の${label}`}
      aria-expanded={panel === p}
      aria-controls={panelId}
      onClick={() => setPanel(panel === p ? null : p)}
    >
      {label}
    </Button>
  );
  // A form is done (saved or nothing to change): close it and give the focus back to its button.
  const done = (p: Exclude<Panel, null>) => () => {
    setPanel(null);
    focusLater(toggleId(p));
  };

  return (
    <article
      id={focusIds.row(row.id)}
      tabIndex={-1}
      aria-labelledby={headingId}
      className="flex flex-col gap-3 rounded-8 border border-solid-gray-420 bg-white p-4"
    >
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <Heading id={headingId} className="text-std-17B-170">
          {row.name}
        </Heading>
        <span className="text-std-16N-170 text-solid-gray-700" data-testid="row-departments">
          {departmentNames(row)}
        </span>
        {group && <Badge tone="blue">{text.inGroup(group.name)}</Badge>}
        <RetiredBadge retiredFrom={row.retired_from} />
      </div>
      <RowForm row={row} itemLabel={itemLabel} onSaved={onSaved} />
      <div role="group" aria-label={text.rowTools(row.name)} className="flex flex-wrap items-center gap-2">
        {moveControls}
        {toggle('departments', text.editDepartments)}
        {toggle('move', text.moveRow)}
        {toggle('group', text.group)}
        {tools.buttons}
      </div>
      <div id={panelId}>
        {panel === 'departments' && <RowDepartmentsForm row={row} onDone={done('departments')} />}
        {panel === 'move' && <RowMoveForm row={row} onDone={done('move')} />}
        {panel === 'group' && <RowGroupForm row={row} onDone={done('group')} />}
      </div>
      {tools.panel}
    </article>
  );
}
