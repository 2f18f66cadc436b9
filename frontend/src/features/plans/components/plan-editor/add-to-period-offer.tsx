import { useState } from 'react';
import { ErrorAlert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { messages } from '@/lib/messages';
import { useAddRowToPeriod } from '../../api/add-row-to-period';
import type { InitiativeRow } from '../../utils/plan-tree';
import { openPeriods, periodDisplayName } from '../../utils/structure';
import { usePlanEditor } from './editor-context';

const text = messages.planStructure;

/**
 * After a row was added while periods are running (受付中): it takes part only from the next period opened, unless
 * the secretariat adds it to a running one too. A separate, confirmed step, one button per open period.
 */
export function AddToPeriodOffer({ row, id, onClose }: { row: InitiativeRow; id: string; onClose: () => void }) {
  const { periods, notify } = usePlanEditor();
  const mutation = useAddRowToPeriod();
  const [added, setAdded] = useState<number[]>([]);
  const offered = openPeriods(periods).filter((p) => !added.includes(p.id));
  if (offered.length === 0) return null;

  function add(periodId: number, name: string) {
    if (!window.confirm(text.addToOpenPeriodConfirm(row.name, name))) return;
    mutation.mutate(
      { periodId, rowId: row.id },
      {
        onSuccess: () => {
          notify(text.addedToPeriod(row.name, name));
          setAdded((ids) => [...ids, periodId]);
        },
      },
    );
  }

  return (
    <div id={id} tabIndex={-1} className="flex flex-col gap-3 rounded-8 border-2 border-blue-900 bg-blue-50 p-4">
      {mutation.isError && <ErrorAlert error={mutation.error} />}
      {offered.map((period) => {
        const name = periodDisplayName(period);
        return (
          <div key={period.id} className="flex flex-col gap-2">
            <p>{text.notInOpenPeriod(row.name, name)}</p>
            <div>
              <Button variant="secondary" disabled={mutation.isPending} onClick={() => add(period.id, name)}>
                {text.addToOpenPeriod(name)}
              </Button>
            </div>
          </div>
        );
      })}
      <div>
        <Button variant="tertiary" size="sm" onClick={onClose}>
          {text.notNow}
        </Button>
      </div>
    </div>
  );
}
