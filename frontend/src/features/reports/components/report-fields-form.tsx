import type { CompositionEvent } from 'react';
import { SelectField, TextAreaField } from '@/components/ui/form-field';
import { messages } from '@/lib/messages';
import {
  characterCount,
  PROGRESS_MAX,
  REMARKS_MAX,
  type EvaluationGrade,
  type FutureDirection,
  type ImplementationStatus,
  type ReportFields,
} from '../utils/report-fields';

const text = messages.reportEditor;
const IMPLEMENTATION: ImplementationStatus[] = ['not_started', 'in_progress', 'done', 'planned'];
const DIRECTIONS: FutureDirection[] = ['expand', 'continue', 'review', 'reduce', 'abolish', 'complete'];

type TextField = 'progress' | 'remarks';

/**
 * The fields a department writes. Every change goes to `onChange` at once (the session saves it a moment later);
 * leaving a field calls `onBlur`, which saves right away. While Japanese is typed through an IME, the text areas
 * report the composition (`onCompositionStart`, then `onCompositionEnd` with the committed text), so that no save
 * stores unconverted kana.
 */
export function ReportFieldsForm({
  values,
  grades,
  disabled,
  onChange,
  onBlur,
  onCompositionStart,
  onCompositionEnd,
}: {
  values: ReportFields;
  grades: EvaluationGrade[];
  disabled?: boolean;
  onChange: (patch: Partial<ReportFields>) => void;
  onBlur: () => void;
  onCompositionStart?: (field: TextField) => void;
  onCompositionEnd?: (field: TextField, patch: Partial<ReportFields>) => void;
}) {
  const progressCount = characterCount(values.progress);
  const remarksCount = characterCount(values.remarks);
  const composition = (field: TextField) => ({
    onCompositionStart: () => onCompositionStart?.(field),
    onCompositionEnd: (event: CompositionEvent<HTMLTextAreaElement>) =>
      onCompositionEnd?.(field, { [field]: event.currentTarget.value }),
  });
  return (
    <div className="flex flex-col gap-5">
      <TextAreaField
        label={text.progress}
        name="progress"
        rows={12}
        value={values.progress}
        disabled={disabled}
        hint={text.count(progressCount, PROGRESS_MAX)}
        error={progressCount > PROGRESS_MAX ? text.tooLong(PROGRESS_MAX) : undefined}
        onChange={(event) => onChange({ progress: event.target.value })}
        onBlur={onBlur}
        {...composition('progress')}
      />
      <div className="grid gap-4 sm:grid-cols-3">
        <SelectField
          label={text.implementationStatus}
          name="implementation_status"
          value={values.implementation_status ?? ''}
          disabled={disabled}
          onChange={(event) =>
            onChange({ implementation_status: (event.target.value || null) as ImplementationStatus | null })
          }
          onBlur={onBlur}
        >
          <option value="">{messages.notSet}</option>
          {IMPLEMENTATION.map((s) => (
            <option key={s} value={s}>
              {messages.implementationStatuses[s]}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={text.evaluation}
          name="evaluation"
          value={values.evaluation ?? ''}
          disabled={disabled}
          onChange={(event) => onChange({ evaluation: event.target.value || null })}
          onBlur={onBlur}
        >
          <option value="">{messages.notSet}</option>
          {grades.map((g) => (
            <option key={g.code} value={g.code}>
              {messages.grade(g.code, g.label)}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={text.futureDirection}
          name="future_direction"
          value={values.future_direction ?? ''}
          disabled={disabled}
          onChange={(event) => onChange({ future_direction: (event.target.value || null) as FutureDirection | null })}
          onBlur={onBlur}
        >
          <option value="">{messages.notSet}</option>
          {DIRECTIONS.map((d) => (
            <option key={d} value={d}>
              {messages.futureDirections[d]}
            </option>
          ))}
        </SelectField>
      </div>
      <TextAreaField
        label={text.remarks}
        name="remarks"
        rows={3}
        value={values.remarks}
        disabled={disabled}
        hint={text.count(remarksCount, REMARKS_MAX)}
        error={remarksCount > REMARKS_MAX ? text.tooLong(REMARKS_MAX) : undefined}
        onChange={(event) => onChange({ remarks: event.target.value })}
        onBlur={onBlur}
        {...composition('remarks')}
      />
    </div>
  );
}
