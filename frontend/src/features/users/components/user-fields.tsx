import type { components } from '@/api/schema';
import { SelectField } from '@/components/ui/form-field';
import { formText } from '@/lib/form-data';
import { messages } from '@/lib/messages';

type UserRole = components['schemas']['UserRole'];
export type Department = components['schemas']['Department'];

const roles: UserRole[] = ['admin', 'editor', 'viewer'];
const text = messages.users;

export function RoleSelect({ defaultValue, error }: { defaultValue?: UserRole; error?: string }) {
  return (
    <SelectField label={text.role} name="role" required defaultValue={defaultValue ?? 'editor'} error={error}>
      {roles.map((role) => (
        <option key={role} value={role}>
          {messages.roles[role]}
        </option>
      ))}
    </SelectField>
  );
}

/** Active departments to choose from, plus the user's current one even if it was retired since. */
export function DepartmentSelect({
  departments,
  defaultValue,
  error,
}: {
  departments: Department[];
  defaultValue?: number | null;
  error?: string;
}) {
  const choices = departments.filter((d) => d.active || d.id === defaultValue);
  return (
    <SelectField label={text.department} name="department_id" defaultValue={defaultValue ?? ''} error={error}>
      <option value="">{text.noDepartment}</option>
      {choices.map((d) => (
        <option key={d.id} value={d.id}>
          {d.name}
        </option>
      ))}
    </SelectField>
  );
}

export function readRole(form: FormData): UserRole {
  const value = formText(form, 'role');
  return roles.find((r) => r === value) ?? 'viewer';
}

export function readDepartmentId(form: FormData): number | null {
  const value = formText(form, 'department_id');
  return value ? Number(value) : null;
}
