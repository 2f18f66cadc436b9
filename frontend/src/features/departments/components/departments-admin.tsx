import { useState, type FormEvent } from 'react';
import type { components } from '@/api/schema';
import { ErrorAlert, Loading, StatusNotice } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/form-field';
import { ApiError } from '@/lib/api-error';
import { formatDate } from '@/lib/dates';
import { formText } from '@/lib/form-data';
import { messages } from '@/lib/messages';
import { useCreateDepartment } from '../api/create-department';
import { useDepartments } from '../api/get-departments';
import { useUpdateDepartment } from '../api/update-department';

type Department = components['schemas']['Department'];

const text = messages.departments;
const cell = 'border-b border-solid-gray-420 px-3 py-2 text-left align-middle';

function CreateDepartmentForm({ onDone }: { onDone: (message: string) => void }) {
  const mutation = useCreateDepartment();
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const name = formText(new FormData(form), 'name').trim();
    mutation.mutate(
      { name },
      {
        onSuccess: (created) => {
          form.reset();
          onDone(text.created(created.name));
        },
      },
    );
  }
  return (
    <form
      onSubmit={submit}
      aria-labelledby="create-department"
      className="flex flex-col gap-4 rounded-8 bg-solid-gray-50 p-4"
      noValidate
    >
      <h2 id="create-department" className="text-std-20B-150">
        {text.create}
      </h2>
      {mutation.isError && <ErrorAlert error={mutation.error} />}
      <TextField
        label={text.name}
        name="name"
        required
        maxLength={100}
        error={mutation.error instanceof ApiError ? mutation.error.fieldError('name') : undefined}
      />
      <div>
        <Button type="submit" disabled={mutation.isPending}>
          {text.createSubmit}
        </Button>
      </div>
    </form>
  );
}

function RenameForm({ department, onDone }: { department: Department; onDone: (message?: string) => void }) {
  const mutation = useUpdateDepartment();
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const name = formText(new FormData(event.currentTarget), 'name').trim();
    mutation.mutate({ id: department.id, name }, { onSuccess: (updated) => onDone(text.renamed(updated.name)) });
  }
  return (
    <form onSubmit={submit} className="flex flex-col gap-2" noValidate>
      {mutation.isError && <ErrorAlert error={mutation.error} />}
      <TextField
        label={text.rename(department.name)}
        name="name"
        defaultValue={department.name}
        required
        maxLength={100}
        autoFocus
        error={mutation.error instanceof ApiError ? mutation.error.fieldError('name') : undefined}
      />
      <div className="flex gap-2">
        <Button type="submit" size="sm" disabled={mutation.isPending}>
          {messages.save}
        </Button>
        <Button variant="secondary" size="sm" onClick={() => onDone()}>
          {messages.cancel}
        </Button>
      </div>
    </form>
  );
}

function DepartmentRow({ department, onDone }: { department: Department; onDone: (message: string) => void }) {
  const [renaming, setRenaming] = useState(false);
  const toggle = useUpdateDepartment();
  const active = department.active;
  return (
    <tr>
      <th scope="row" className={`${cell} text-std-16B-170`}>
        {renaming ? (
          <RenameForm
            department={department}
            onDone={(message) => {
              setRenaming(false);
              if (message) onDone(message);
            }}
          />
        ) : (
          department.name
        )}
      </th>
      <td className={cell}>{active ? text.active : text.inactive}</td>
      <td className={cell}>{formatDate(department.updated_at)}</td>
      <td className={cell}>
        {toggle.isError && <ErrorAlert error={toggle.error} />}
        <div className="flex flex-wrap gap-2">
          {!renaming && (
            <Button variant="tertiary" size="sm" onClick={() => setRenaming(true)}>
              {messages.edit}
              <span className="sr-only">{text.rowSuffix(department.name)}</span>
            </Button>
          )}
          <Button
            variant="tertiary"
            size="sm"
            disabled={toggle.isPending}
            onClick={() =>
              toggle.mutate(
                { id: department.id, active: !active },
                { onSuccess: (d) => onDone(d.active ? text.activated(d.name) : text.deactivated(d.name)) },
              )
            }
          >
            {active ? text.deactivate : text.activate}
            <span className="sr-only">{text.rowSuffix(department.name)}</span>
          </Button>
        </div>
      </td>
    </tr>
  );
}

/** 担当課 administration: list, create, rename, retire and reactivate. */
export function DepartmentsAdmin() {
  const departments = useDepartments();
  const [notice, setNotice] = useState<string | null>(null);

  return (
    <div>
      <StatusNotice>{notice}</StatusNotice>
      <div className="flex flex-col gap-8">
        <CreateDepartmentForm onDone={setNotice} />
        {departments.isPending ? (
          <Loading />
        ) : departments.isError ? (
          <ErrorAlert error={departments.error} />
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full border-collapse">
              <caption className="pb-2 text-left text-std-20B-150">{text.listCaption}</caption>
              <thead className="bg-solid-gray-50">
                <tr>
                  <th scope="col" className={cell}>
                    {text.name}
                  </th>
                  <th scope="col" className={cell}>
                    {text.status}
                  </th>
                  <th scope="col" className={cell}>
                    {text.updatedAt}
                  </th>
                  <th scope="col" className={cell}>
                    {text.actions}
                  </th>
                </tr>
              </thead>
              <tbody>
                {departments.data.map((d) => (
                  <DepartmentRow key={d.id} department={d} onDone={setNotice} />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>
    </div>
  );
}
