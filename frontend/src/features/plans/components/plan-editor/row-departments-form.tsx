import { useState, type FormEvent } from 'react';
import { ErrorAlert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { ApiError } from '@/lib/api-error';
import { messages } from '@/lib/messages';
import { useSetRowDepartments } from '../../api/set-row-departments';
import type { InitiativeRow } from '../../utils/plan-tree';
import { DepartmentOrderField } from './department-order-field';
import { usePlanEditor } from './editor-context';

const text = messages.planStructure;

/** A row's 担当課 (co-owners) and their order. */
export function RowDepartmentsForm({ row, onDone }: { row: InitiativeRow; onDone: () => void }) {
  const { departments, notify } = usePlanEditor();
  const mutation = useSetRowDepartments();
  const [ids, setIds] = useState(() => row.departments.map((d) => d.id));
  const [missing, setMissing] = useState(false);
  // A retired department the row still has is listed although the department list leaves it out.
  const options = [
    ...departments,
    ...row.departments.filter((d) => !departments.some((o) => o.id === d.id)).map((d) => ({ ...d, active: false })),
  ];

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (ids.length === 0) {
      setMissing(true);
      return;
    }
    setMissing(false);
    mutation.mutate(
      { rowId: row.id, departmentIds: ids },
      {
        onSuccess: () => {
          notify(text.departmentsSaved(row.name));
          onDone();
        },
      },
    );
  }

  return (
    <form
      onSubmit={submit}
      aria-label={`${row.name} ${text.departments}`}
      className="flex flex-col gap-3 rounded-8 bg-solid-gray-50 p-4"
      noValidate
    >
      {mutation.isError && !(mutation.error instanceof ApiError && mutation.error.fieldError('department_ids')) && (
        <ErrorAlert error={mutation.error} />
      )}
      <DepartmentOrderField
        value={ids}
        onChange={setIds}
        departments={options}
        error={
          missing
            ? text.departmentsRequired
            : mutation.error instanceof ApiError
              ? mutation.error.fieldError('department_ids')
              : undefined
        }
      />
      <div>
        <Button type="submit" disabled={mutation.isPending}>
          {messages.save}
        </Button>
      </div>
    </form>
  );
}
