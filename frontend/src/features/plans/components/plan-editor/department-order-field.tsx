import { useId, useState } from 'react';
import { Button } from '@/components/ui/button';
import { messages } from '@/lib/messages';
import type { DepartmentOption } from './editor-context';
import { ReorderList } from './reorder-list';

const text = messages.planStructure;

/** The most owners a row may have (the API's limit). */
export const MAX_DEPARTMENTS = 5;

/**
 * A row's 担当課 in the order the table shows them (健康課／福祉総務課): the chosen ones with 上へ / 下へ / 外す, and
 * a select to add another. Retired departments are offered only where the row already has them.
 */
export function DepartmentOrderField({
  value,
  onChange,
  departments,
  error,
}: {
  value: number[];
  onChange: (ids: number[]) => void;
  departments: DepartmentOption[];
  error?: string;
}) {
  const id = useId();
  const [toAdd, setToAdd] = useState('');
  const byId = new Map(departments.map((d) => [d.id, d]));
  const chosen = value.map((v) => byId.get(v) ?? { id: v, name: String(v), active: false });
  const addable = departments.filter((d) => d.active && !value.includes(d.id));
  const name = (d: DepartmentOption) => (d.active ? d.name : text.retiredDepartment(d.name));

  function add() {
    const picked = Number(toAdd);
    if (!picked || value.includes(picked) || value.length >= MAX_DEPARTMENTS) return;
    onChange([...value, picked]);
    setToAdd('');
  }

  return (
    <fieldset className="flex flex-col gap-3" aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`}>
      <legend className="text-std-17B-170">{text.departments}</legend>
      <p id={`${id}-hint`} className="text-dns-16N-130 text-solid-gray-700">
        {text.departmentsHint}
      </p>
      {chosen.length === 0 ? (
        <p>{text.noDepartments}</p>
      ) : (
        <ReorderList
          items={chosen}
          getId={(d) => d.id}
          label={(d) => name(d)}
          onReorder={onChange}
          listLabel={text.departments}
          idPrefix={`${id}-department`}
          className="flex flex-col gap-2"
          renderItem={(d, index, controls) => (
            <div className="flex flex-wrap items-center gap-2 rounded-8 border border-solid-gray-420 px-3 py-2">
              <span className="grow">
                {index + 1}. {name(d)}
              </span>
              {controls}
              <Button
                variant="tertiary"
                size="sm"
                aria-label={text.removeDepartment(name(d))}
                onClick={() => {
                  onChange(value.filter((v) => v !== d.id));
                  // The button goes away with its department: the focus goes on to adding another.
                  setTimeout(() => document.getElementById(`${id}-add`)?.focus(), 0);
                }}
              >
                {text.remove}
              </Button>
            </div>
          )}
        />
      )}
      {error && (
        <p id={`${id}-error`} className="text-dns-16N-130 text-error-1">
          {error}
        </p>
      )}
      {value.length < MAX_DEPARTMENTS && (
        <div className="flex flex-wrap items-end gap-2">
          <div className="flex flex-col gap-2">
            <label htmlFor={`${id}-add`} className="text-std-16N-170">
              {text.departmentToAdd}
            </label>
            <select
              id={`${id}-add`}
              value={toAdd}
              onChange={(event) => setToAdd(event.target.value)}
              className="rounded-8 border border-solid-gray-600 bg-white px-4 py-2 text-std-16N-170"
            >
              <option value="">―</option>
              {addable.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.name}
                </option>
              ))}
            </select>
          </div>
          <Button variant="secondary" size="sm" onClick={add}>
            {text.addDepartment}
          </Button>
        </div>
      )}
    </fieldset>
  );
}
