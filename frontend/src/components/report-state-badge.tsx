import type { components } from '@/api/schema';
import { Badge, type BadgeTone } from '@/components/ui/badge';
import { messages } from '@/lib/messages';

type ReportState = components['schemas']['ReportState'];

const tones: Record<ReportState, BadgeTone> = {
  draft: 'gray',
  submitted: 'blue',
  returned: 'red',
  approved: 'green',
};

/** 下書き / 提出済 / 差戻し / 承認済, the same everywhere a report's state shows. */
export function ReportStateBadge({ state }: { state: ReportState }) {
  return <Badge tone={tones[state]}>{messages.reportStates[state]}</Badge>;
}
