import type { components } from '@/api/schema';
import { SelectField } from '@/components/ui/form-field';
import { messages } from '@/lib/messages';
import type { TableQuery } from '../api/get-period-table';
import type { TableParam } from '../hooks/use-table-params';

type EvaluationGrade = components['schemas']['EvaluationGrade'];
type ImplementationStatus = components['schemas']['ImplementationStatus'];
type ReportState = components['schemas']['ReportState'];

const text = messages.table;
const STATUSES: ImplementationStatus[] = ['not_started', 'in_progress', 'done', 'planned'];
const STATES: ReportState[] = ['draft', 'submitted', 'returned', 'approved'];

export type Choice = { id: number; label: string };

/** 担当課, 施策, 実施状況, 評価 and 状態: each narrows the table (and the exports) on the server. */
export function TableFilters({
  query,
  departments,
  measures,
  grades,
  onChange,
}: {
  query: TableQuery;
  departments: Choice[];
  measures: Choice[];
  grades: EvaluationGrade[];
  onChange: (name: TableParam, value: string) => void;
}) {
  return (
    <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-5">
      <SelectField
        label={text.department}
        value={query.department_id ?? ''}
        onChange={(e) => onChange('department', e.target.value)}
      >
        <option value="">{text.all}</option>
        {departments.map((d) => (
          <option key={d.id} value={d.id}>
            {d.label}
          </option>
        ))}
      </SelectField>
      <SelectField
        label={text.measure}
        value={query.measure_id ?? ''}
        onChange={(e) => onChange('measure', e.target.value)}
      >
        <option value="">{text.all}</option>
        {measures.map((m) => (
          <option key={m.id} value={m.id}>
            {m.label}
          </option>
        ))}
      </SelectField>
      <SelectField
        label={text.implementationStatus}
        value={query.implementation_status ?? ''}
        onChange={(e) => onChange('status', e.target.value)}
      >
        <option value="">{text.all}</option>
        {STATUSES.map((s) => (
          <option key={s} value={s}>
            {messages.implementationStatuses[s]}
          </option>
        ))}
      </SelectField>
      <SelectField
        label={text.evaluation}
        value={query.evaluation ?? ''}
        onChange={(e) => onChange('evaluation', e.target.value)}
      >
        <option value="">{text.all}</option>
        {grades.map((g) => (
          <option key={g.code} value={g.code}>
            {messages.grade(g.code, g.label)}
          </option>
        ))}
      </SelectField>
      <SelectField label={text.state} value={query.state ?? ''} onChange={(e) => onChange('state', e.target.value)}>
        <option value="">{text.all}</option>
        {STATES.map((s) => (
          <option key={s} value={s}>
            {messages.reportStates[s]}
          </option>
        ))}
      </SelectField>
    </div>
  );
}
