import { SelectField } from '@/components/ui/form-field';
import { messages } from '@/lib/messages';
import { periodName, sortPeriods, type ReportingPeriod } from '../utils/periods';

/** A choice of period, newest first, each named with its state: 「令和7年度 3月末（年間）・受付中」. */
export function PeriodSelect({
  periods,
  value,
  onChange,
  label = messages.periods.select,
  allowNone,
}: {
  periods: ReportingPeriod[];
  value: number | null;
  onChange: (id: number | null) => void;
  label?: string;
  /** The text of an empty first choice (e.g. 「比較しない」); without it a period must be chosen. */
  allowNone?: string;
}) {
  return (
    <SelectField
      label={label}
      value={value ?? ''}
      onChange={(event) => onChange(event.target.value ? Number(event.target.value) : null)}
    >
      {allowNone !== undefined && <option value="">{allowNone}</option>}
      {sortPeriods(periods).map((p) => (
        <option key={p.id} value={p.id}>
          {`${periodName(p)}・${messages.periodStates[p.state]}`}
        </option>
      ))}
    </SelectField>
  );
}
