import { useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { ErrorAlert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { ApiError } from '@/lib/api-error';
import { messages } from '@/lib/messages';
import { useDeleteDirection } from '../../api/delete-direction';
import { useDeleteMeasure } from '../../api/delete-measure';
import { useDeleteRow } from '../../api/delete-row';
import { rowReportsQueryOptions } from '../../api/get-row-reports';
import { useUpdateDirection } from '../../api/update-direction';
import { useUpdateMeasure } from '../../api/update-measure';
import { useUpdateRow } from '../../api/update-row';
import { retiredBadgeText } from '../../utils/retirement';
import { usePlanEditor } from './editor-context';
import { RetireForm } from './retire-form';

const text = messages.planStructure;

/** A measure, direction or row, as retiring and deleting need it. */
export type StructureItem = {
  type: 'measure' | 'direction' | 'row';
  id: number;
  /** How messages name it: 基本施策2, 取組の方向②, 健康相談. */
  label: string;
  retiredFrom: string | null;
  /** The rows whose reports count for it: its own rows (a row: itself). */
  rowIds: number[];
  /** Where the focus goes once it is deleted (the enclosing measure or direction, or the list). */
  focusAfterDelete: string;
};

/** A stable key of an item for element ids. */
export const itemKey = (item: Pick<StructureItem, 'type' | 'id'>) => `${item.type}-${item.id}`;

/** 「令和8年度以降 廃止」, for next to an item's heading. */
export function RetiredBadge({ retiredFrom }: { retiredFrom: string | null | undefined }) {
  if (!retiredFrom) return null;
  return <Badge tone="yellow">{retiredBadgeText(retiredFrom)}</Badge>;
}

function useRetire(item: StructureItem) {
  const row = useUpdateRow();
  const direction = useUpdateDirection();
  const measure = useUpdateMeasure();
  const mutation = { row, direction, measure }[item.type];
  const retire = (retiredFrom: string | null) => {
    const body = { id: item.id, retired_from: retiredFrom };
    if (item.type === 'row') return row.mutateAsync(body);
    if (item.type === 'direction') return direction.mutateAsync(body);
    return measure.mutateAsync(body);
  };
  return { retire, isPending: mutation.isPending };
}

function useRemove(item: StructureItem) {
  const row = useDeleteRow();
  const direction = useDeleteDirection();
  const measure = useDeleteMeasure();
  const mutation = { row, direction, measure }[item.type];
  return { remove: () => mutation.mutateAsync(item.id), isPending: mutation.isPending };
}

type Panel = 'retire' | 'refused' | null;

/**
 * 廃止 and 削除 of an item: the buttons (for the item's toolbar) and the panel they open (for under it).
 * 廃止 asks for 廃止する時期; a retired item offers 廃止を取り消す instead. 削除 asks for confirmation when the item
 * has no reports; when the server refuses (it has reports, or rows), its message shows with the 廃止 choice right
 * under it.
 */
export function useItemTools(item: StructureItem): { buttons: ReactNode; panel: ReactNode } {
  const { notify, focusLater } = usePlanEditor();
  const queryClient = useQueryClient();
  const { retire, isPending: retiring } = useRetire(item);
  const { remove, isPending: removing } = useRemove(item);
  const [panel, setPanel] = useState<Panel>(null);
  const [checking, setChecking] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const key = itemKey(item);
  const panelId = `plan-tools-${key}`;
  const retireToggleId = `plan-retire-toggle-${key}`;
  const unretireId = `plan-unretire-${key}`;
  const retired = Boolean(item.retiredFrom);

  async function hasReports(): Promise<boolean> {
    try {
      const lists = await Promise.all(item.rowIds.map((id) => queryClient.fetchQuery(rowReportsQueryOptions(id))));
      return lists.some((list) => list.length > 0);
    } catch {
      return false; // the server decides; the confirmation below is asked
    }
  }

  async function onDelete() {
    setError(null);
    setChecking(true);
    const reported = await hasReports();
    setChecking(false);
    // Something with reports cannot be deleted: the server refuses without a change, so nothing to confirm.
    if (!reported && !window.confirm(text.deleteConfirm(item.label))) return;
    try {
      await remove();
      notify(text.deleted(item.label));
      focusLater(item.focusAfterDelete);
    } catch (e) {
      setError(e);
      if (e instanceof ApiError && e.status === 409 && !retired) {
        setPanel('refused');
        focusLater(`plan-retire-${key}`);
      } else {
        setPanel(null);
      }
    }
  }

  async function onUnretire() {
    setError(null);
    try {
      await retire(null);
      notify(text.unretired(item.label));
      focusLater(retireToggleId);
    } catch (e) {
      setError(e);
    }
  }

  const buttons = (
    <>
      {retired ? (
        <Button
          id={unretireId}
          variant="secondary"
          size="sm"
          aria-label={text.unretireOf(item.label)}
          disabled={retiring}
          onClick={() => void onUnretire()}
        >
          {text.unretire}
        </Button>
      ) : (
        <Button
          id={retireToggleId}
          variant="secondary"
          size="sm"
          aria-label={text.retireOf(item.label)}
          aria-expanded={panel === 'retire'}
          aria-controls={panelId}
          onClick={() => {
            setError(null);
            setPanel(panel === 'retire' ? null : 'retire');
            if (panel !== 'retire') focusLater(`plan-retire-${key}`);
          }}
        >
          {text.retire}
        </Button>
      )}
      <Button
        variant="secondary"
        size="sm"
        aria-label={text.deleteOf(item.label)}
        disabled={checking || removing}
        onClick={() => void onDelete()}
      >
        {checking ? text.checking : text.delete}
      </Button>
    </>
  );

  const retireForm = (
    <RetireForm
      item={item}
      selectId={`plan-retire-${key}`}
      retire={retire}
      pending={retiring}
      onRetired={() => {
        setPanel(null);
        setError(null);
        notify(text.retired(item.label));
        focusLater(unretireId);
      }}
    />
  );

  const panelContent = (
    <div id={panelId}>
      {error !== null && panel !== 'refused' && <ErrorAlert error={error} />}
      {panel === 'retire' && !retired && retireForm}
      {panel === 'refused' && (
        <div className="flex flex-col gap-3 rounded-8 border-2 border-error-1 p-4">
          <ErrorAlert error={error} />
          <p>{text.deleteRefusedRetire}</p>
          {retireForm}
        </div>
      )}
    </div>
  );

  return { buttons, panel: panelContent };
}
