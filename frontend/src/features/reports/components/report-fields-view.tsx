import { messages } from '@/lib/messages';
import type { EvaluationGrade, FutureDirection, ImplementationStatus } from '../utils/report-fields';

const text = messages.reportEditor;

/** 「S 目標値以上」 for a code of the scale; the bare code when the scale no longer has it. */
export function gradeLabel(code: string | null | undefined, grades: EvaluationGrade[]): string {
  if (!code) return messages.notEntered;
  const grade = grades.find((g) => g.code === code);
  return grade ? messages.grade(grade.code, grade.label) : code;
}

type Shown = {
  progress: string;
  implementation_status?: ImplementationStatus | null;
  evaluation?: string | null;
  future_direction?: FutureDirection | null;
  remarks?: string;
};

/** A report's fields as text, for last period's report, the other person's version and read-only reports. */
export function ReportFieldsView({ fields, grades }: { fields: Shown; grades: EvaluationGrade[] }) {
  return (
    <dl className="flex flex-col gap-3">
      <div>
        <dt className="text-std-16B-170">{text.progress}</dt>
        <dd className="mt-1 rounded-8 border border-solid-gray-420 bg-white p-3 whitespace-pre-wrap">
          {fields.progress || messages.notEntered}
        </dd>
      </div>
      <div className="grid gap-x-4 gap-y-1 sm:grid-cols-[auto_1fr]">
        <dt className="text-std-16B-170">{text.implementationStatus}</dt>
        <dd>
          {fields.implementation_status
            ? messages.implementationStatuses[fields.implementation_status]
            : messages.notEntered}
        </dd>
        <dt className="text-std-16B-170">{text.evaluation}</dt>
        <dd>{gradeLabel(fields.evaluation, grades)}</dd>
        <dt className="text-std-16B-170">{text.futureDirection}</dt>
        <dd>{fields.future_direction ? messages.futureDirections[fields.future_direction] : messages.notEntered}</dd>
        {fields.remarks !== undefined && (
          <>
            <dt className="text-std-16B-170">{text.remarks}</dt>
            <dd className="whitespace-pre-wrap">{fields.remarks || messages.notEntered}</dd>
          </>
        )}
      </div>
    </dl>
  );
}
