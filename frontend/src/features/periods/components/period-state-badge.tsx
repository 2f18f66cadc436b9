import { Badge, type BadgeTone } from '@/components/ui/badge';
import { messages } from '@/lib/messages';
import type { ReportingPeriod } from '../utils/periods';

const tones: Record<ReportingPeriod['state'], BadgeTone> = {
  preparing: 'gray',
  open: 'blue',
  closed: 'yellow',
  published: 'green',
};

export function PeriodStateBadge({ state }: { state: ReportingPeriod['state'] }) {
  return <Badge tone={tones[state]}>{messages.periodStates[state]}</Badge>;
}
