import { messages } from '@/lib/messages';
import type { ReportActionKind, ReportDetail } from './report-fields';

type Reason = NonNullable<ReportDetail['read_only_reason']>;

const reasons = messages.reportEditor.readOnly;

/** The server's reason code, as the person reads it. */
const messageOf: Record<Reason, string> = {
  viewer: reasons.viewer,
  not_owner: reasons.notOwner,
  mfa_enrolment_required: reasons.mfaEnrolmentRequired,
  period_preparing: reasons.preparing,
  period_closed: reasons.closed,
  period_published: reasons.published,
  submitted: reasons.submitted,
  approved: reasons.approved,
};

/** Why the signed-in user may not edit the report now, or null when they may: the server decides, the app says it. */
export function readOnlyMessage(report: ReportDetail): string | null {
  return report.read_only_reason ? messageOf[report.read_only_reason] : null;
}

/** Whether the server allows the signed-in user `action` on this version of the report. */
export function allows(report: ReportDetail, action: ReportActionKind): boolean {
  return report.allowed_actions.includes(action);
}
