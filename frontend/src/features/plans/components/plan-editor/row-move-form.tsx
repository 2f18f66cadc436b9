import type { FormEvent } from 'react';
import { ErrorAlert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { SelectField } from '@/components/ui/form-field';
import { formText } from '@/lib/form-data';
import { messages } from '@/lib/messages';
import { useUpdateRow } from '../../api/update-row';
import type { InitiativeRow } from '../../utils/plan-tree';
import { movePatch, parsePlace, placeName, placeOptions, placeValue } from '../../utils/structure';
import { focusIds, usePlanEditor } from './editor-context';

const text = messages.planStructure;

/** 配置・移動: another direction of the row's measure, or another measure (the row goes to its end). */
export function RowMoveForm({ row, onDone }: { row: InitiativeRow; onDone: () => void }) {
  const { tree, notify, focusLater, setMeasureOpen } = usePlanEditor();
  const mutation = useUpdateRow();
  const current = placeValue({ measureId: row.measure_id, directionId: row.direction_id ?? null });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const place = parsePlace(formText(new FormData(event.currentTarget), 'place'));
    const patch = movePatch(row, place);
    if (!patch) {
      onDone();
      return;
    }
    mutation.mutate(
      { id: row.id, ...patch },
      {
        onSuccess: () => {
          notify(text.rowMoved(row.name, placeName(tree, place)));
          // Follow the row: open the measure it went to and put the focus on it there.
          setMeasureOpen(place.measureId, true);
          focusLater(focusIds.row(row.id));
          onDone();
        },
      },
    );
  }

  return (
    <form
      onSubmit={submit}
      aria-label={`${row.name} ${text.moveRow}`}
      className="flex flex-col gap-3 rounded-8 bg-solid-gray-50 p-4"
      noValidate
    >
      {mutation.isError && <ErrorAlert error={mutation.error} />}
      <SelectField label={text.moveTo} name="place" hint={text.moveToHint} defaultValue={current}>
        {placeOptions(tree).map((group) => (
          <optgroup key={group.label} label={group.label}>
            {group.options.map((option) => (
              <option key={option.value} value={option.value}>
                {`${group.label} ＞ ${option.label}`}
              </option>
            ))}
          </optgroup>
        ))}
      </SelectField>
      <div>
        <Button type="submit" disabled={mutation.isPending}>
          {text.moveAction}
        </Button>
      </div>
    </form>
  );
}
