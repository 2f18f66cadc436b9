import type { components } from '@/api/schema';
import { messages } from '@/lib/messages';
import type { SessionUser } from '@/lib/session';
import type { ReportView } from './report-fields';

type PeriodState = components['schemas']['PeriodState'];

export type Editability = { editable: true } | { editable: false; reason: string };

const reasons = messages.reportEditor.readOnly;

/** Whether `user` may write the report now, and if not, why — the API's rules (PUT /reports/{id}), said first. */
export function editability(report: ReportView, periodState: PeriodState, user: SessionUser): Editability {
  const no = (reason: string): Editability => ({ editable: false, reason });
  if (user.role === 'viewer') return no(reasons.viewer);
  const admin = user.role === 'admin';
  if (!admin && !report.row.departments.some((d) => d.id === user.department?.id)) return no(reasons.notOwner);
  if (periodState === 'preparing') return no(reasons.preparing);
  if (periodState === 'published') return no(reasons.published);
  if (periodState === 'closed' && !admin) return no(reasons.closed);
  if (report.state === 'approved') return no(reasons.approved);
  if (report.state === 'submitted' && !admin) return no(reasons.submitted);
  return { editable: true };
}

/** Whether the 提出 button applies: the report is 下書き or 差戻し and the period takes reports from this user. */
export function canSubmit(report: ReportView, periodState: PeriodState, user: SessionUser): boolean {
  return (
    editability(report, periodState, user).editable &&
    (report.state === 'draft' || report.state === 'returned') &&
    (periodState === 'open' || user.role === 'admin')
  );
}
