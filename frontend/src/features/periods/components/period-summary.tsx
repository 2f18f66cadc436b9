import { formatDate } from '@/lib/dates';
import { messages } from '@/lib/messages';
import { deadlineWording, periodName, type ReportingPeriod } from '../utils/periods';
import { PeriodStateBadge } from './period-state-badge';

const text = messages.periods;

/**
 * A period at a glance: its name and state, the dates, and while it is open how many days are left until the
 * deadline (or how many it is overdue), as the departments need to see it first thing.
 */
export function PeriodSummary({ period, now = new Date() }: { period: ReportingPeriod; now?: Date }) {
  const deadline = deadlineWording(period.deadline, now);
  const headingId = `period-${period.id}`;
  return (
    <section
      aria-labelledby={headingId}
      className="flex flex-col gap-3 rounded-8 border-2 border-blue-900 bg-blue-50 p-4 sm:p-6"
    >
      <div className="flex flex-wrap items-center gap-3">
        <h2 id={headingId} className="text-std-24B-150 text-solid-gray-900">
          {periodName(period)}
        </h2>
        <PeriodStateBadge state={period.state} />
      </div>
      <dl className="grid gap-x-4 gap-y-1 sm:grid-cols-[auto_1fr]">
        <dt className="text-std-16B-170">{text.deadline}</dt>
        <dd>{formatDate(period.deadline)}</dd>
        <dt className="text-std-16B-170">{text.opensOn}</dt>
        <dd>{formatDate(period.opens_on)}</dd>
        <dt className="text-std-16B-170">{text.asOf}</dt>
        <dd>{formatDate(period.as_of)}</dd>
      </dl>
      {period.state === 'open' && (
        <p
          className={`text-std-20B-150 ${deadline.passed ? 'text-error-2' : 'text-blue-1100'}`}
          data-testid="deadline-wording"
        >
          {deadline.text}
        </p>
      )}
    </section>
  );
}
