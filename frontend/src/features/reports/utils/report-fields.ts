import type { components } from '@/api/schema';

export type ReportView = components['schemas']['ReportView'];
/** A report with what the signed-in user may do with it now, as the server decides (GET /reports/{id}, every write). */
export type ReportDetail = components['schemas']['ReportDetail'];
export type ReportActionKind = components['schemas']['ActionKind'];
export type ReportState = components['schemas']['ReportState'];
export type ImplementationStatus = components['schemas']['ImplementationStatus'];
export type FutureDirection = components['schemas']['FutureDirection'];
export type EvaluationGrade = components['schemas']['EvaluationGrade'];
type SaveReport = components['schemas']['SaveReport'];

/** What a department writes in a report: the body of PUT /reports/{id}, with every field present. */
export type ReportFields = Required<SaveReport>;

/** The writable fields of a report (or a previous version), absent ones as null. */
export function fieldsOf(report: SaveReport): ReportFields {
  return {
    progress: report.progress,
    implementation_status: report.implementation_status ?? null,
    evaluation: report.evaluation ?? null,
    future_direction: report.future_direction ?? null,
    remarks: report.remarks ?? '',
  };
}

export function sameFields(a: ReportFields, b: ReportFields): boolean {
  return (
    a.progress === b.progress &&
    a.implementation_status === b.implementation_status &&
    a.evaluation === b.evaluation &&
    a.future_direction === b.future_direction &&
    a.remarks === b.remarks
  );
}

/** The report's ETag as the API writes it, `"<id>-<version>"`: what If-Match must name to write on that version. */
export function reportEtag(report: Pick<ReportView, 'id' | 'version'>): string {
  return `"${report.id}-${report.version}"`;
}

/** Characters as a person counts them: a character outside the BMP (𠮷) is one, not two UTF-16 units. */
export function characterCount(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}

/** The limits the API enforces (SaveReport). */
export const PROGRESS_MAX = 20_000;
export const REMARKS_MAX = 5_000;
