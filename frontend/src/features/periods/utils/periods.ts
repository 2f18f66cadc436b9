import type { components } from '@/api/schema';
import { daysUntil } from '@/lib/dates';
import { deadlineText } from '@/lib/deadline';
import { messages } from '@/lib/messages';
import type { PeriodTransition } from '../api/change-period-state';

export type ReportingPeriod = components['schemas']['ReportingPeriod'];

/** Newest first: by the date the reports describe, then by id. */
export function sortPeriods(periods: ReportingPeriod[]): ReportingPeriod[] {
  return [...periods].sort((a, b) => b.as_of.localeCompare(a.as_of) || b.id - a.id);
}

/** The period departments are writing now (受付中), or null. With several open, the newest. */
export function openPeriod(periods: ReportingPeriod[]): ReportingPeriod | null {
  return sortPeriods(periods).find((p) => p.state === 'open') ?? null;
}

/**
 * The period a screen starts on: the open one; otherwise the newest that has reports (締切 or 公表); otherwise the
 * newest of all.
 */
export function defaultPeriod(periods: ReportingPeriod[]): ReportingPeriod | null {
  const sorted = sortPeriods(periods);
  return openPeriod(sorted) ?? sorted.find((p) => p.state !== 'preparing') ?? sorted[0] ?? null;
}

/** `令和7年度 3月末（年間）` */
export function periodName(period: Pick<ReportingPeriod, 'label' | 'kind'>): string {
  return `${period.label}（${messages.periodKinds[period.kind]}）`;
}

export type DeadlineWording = { days: number; text: string; passed: boolean };

/** 「締切まであと5日」, 「本日が締切です」 or 「締切を3日過ぎています」, counted in days in Japan. */
export function deadlineWording(deadline: string, now: Date): DeadlineWording {
  const days = daysUntil(deadline, now);
  return { days, text: deadlineText(days), passed: days < 0 };
}

/** The transitions a period in `state` offers, in the order the buttons show them. */
export function periodTransitions(state: ReportingPeriod['state']): PeriodTransition[] {
  switch (state) {
    case 'preparing':
      return ['open'];
    case 'open':
      return ['close'];
    case 'closed':
      return ['reopen', 'publish'];
    case 'published':
      return [];
  }
}
