import { useState, type FormEvent } from 'react';
import { ErrorAlert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { SelectField, TextAreaField, TextField } from '@/components/ui/form-field';
import { ApiError } from '@/lib/api-error';
import { formText } from '@/lib/form-data';
import { messages } from '@/lib/messages';
import { useCreateRow } from '../../api/create-row';
import { directionLabel, type InitiativeRow, type MeasureNode } from '../../utils/plan-tree';
import { openPeriods } from '../../utils/structure';
import { AddToPeriodOffer } from './add-to-period-offer';
import { DepartmentOrderField } from './department-order-field';
import { focusIds, usePlanEditor } from './editor-context';
import { readText } from './form-values';

const text = messages.planStructure;

/**
 * 事業を追加: a new row at the end of the measure or of one of its directions, with its 担当課 in order. When a
 * period is running, the new row is not in it: the form then offers to add it there too (AddToPeriodOffer).
 */
export function RowCreateForm({ node }: { node: MeasureNode }) {
  const { tree, periods, departments, notify, focusLater } = usePlanEditor();
  const mutation = useCreateRow();
  const [departmentIds, setDepartmentIds] = useState<number[]>([]);
  const [missingDepartments, setMissingDepartments] = useState(false);
  const [created, setCreated] = useState<InitiativeRow | null>(null);
  const { measure, directions } = node;
  const itemLabel = measure.item_label || messages.planEdit.rowName;
  const fieldError = (field: string) =>
    mutation.error instanceof ApiError ? mutation.error.fieldError(field) : undefined;
  const offerId = `plan-row-offer-${measure.id}`;
  const lastDirection = directions.at(-1)?.direction;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    if (departmentIds.length === 0) {
      setMissingDepartments(true);
      return;
    }
    setMissingDepartments(false);
    const direction = formText(data, 'direction_id');
    const groupId = formText(data, 'group_id');
    mutation.mutate(
      {
        planId: tree.plan.id,
        measure_id: measure.id,
        direction_id: direction ? Number(direction) : null,
        group_id: groupId ? Number(groupId) : null,
        name: readText(data, 'name'),
        content: readText(data, 'content'),
        department_ids: departmentIds,
      },
      {
        onSuccess: (row) => {
          form.reset();
          setDepartmentIds([]);
          notify(text.rowAdded(row.name));
          if (openPeriods(periods).length > 0) {
            setCreated(row);
            focusLater(offerId);
          } else {
            setCreated(null);
            focusLater(focusIds.row(row.id));
          }
        },
      },
    );
  }

  return (
    <div className="flex flex-col gap-4">
      {created && <AddToPeriodOffer row={created} id={offerId} onClose={() => setCreated(null)} />}
      <details className="rounded-8 border border-dashed border-solid-gray-600">
        <summary className="cursor-pointer px-4 py-3 text-std-17B-170 text-blue-900">{text.addRow}</summary>
        <form
          onSubmit={submit}
          aria-label={text.addRow}
          className="flex flex-col gap-4 border-t border-solid-gray-420 p-4"
          noValidate
        >
          <p>{text.addRowLead}</p>
          {mutation.isError && !fieldError('name') && !fieldError('department_ids') && (
            <ErrorAlert error={mutation.error} />
          )}
          <TextField label={itemLabel} name="name" required maxLength={200} error={fieldError('name')} />
          <TextAreaField
            label={messages.planEdit.rowContent}
            name="content"
            maxLength={5000}
            error={fieldError('content')}
          />
          {directions.length > 0 && (
            <SelectField label={text.placement} name="direction_id" defaultValue={lastDirection?.id ?? ''}>
              <option value="">{text.direct}</option>
              {directions.map(({ direction }) => (
                <option key={direction.id} value={direction.id}>
                  {directionLabel(direction)}
                </option>
              ))}
            </SelectField>
          )}
          <DepartmentOrderField
            value={departmentIds}
            onChange={setDepartmentIds}
            departments={departments}
            error={missingDepartments ? text.departmentsRequired : fieldError('department_ids')}
          />
          {tree.groups.length > 0 && (
            <SelectField label={text.groupLabel} name="group_id" hint={text.groupHint} defaultValue="">
              <option value="">{text.noGroup}</option>
              {tree.groups.map((group) => (
                <option key={group.id} value={group.id}>
                  {group.name}
                </option>
              ))}
            </SelectField>
          )}
          <div>
            <Button type="submit" disabled={mutation.isPending}>
              {text.add}
            </Button>
          </div>
        </form>
      </details>
    </div>
  );
}
