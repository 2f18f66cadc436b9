// 廃止 (retirement) of a measure, direction or row: which dates the secretariat may choose, and how a retirement
// reads. `retired_from` is the as-of date of the first period that no longer includes the item; the server refuses a
// date on or before a period the item has reports in, so the choices start after the last reported period.

import type { components } from '@/api/schema';
import { fiscalYearLabel } from '@/lib/dates';
import { messages } from '@/lib/messages';

type ReportingPeriod = components['schemas']['ReportingPeriod'];
type PeriodLike = Pick<ReportingPeriod, 'id' | 'as_of' | 'label' | 'kind'>;

const text = messages.planStructure;

/** One choice of 廃止する時期: the date sent as `retired_from`, and how the select names it. */
export type RetirementChoice = { value: string; label: string };

/** The as-of date of the newest period any of the lists has a report in, or null when there is none. */
export function lastReportedAsOf(reportLists: { as_of: string }[][]): string | null {
  let last: string | null = null;
  for (const list of reportLists) for (const r of list) if (last === null || r.as_of > last) last = r.as_of;
  return last;
}

/** The calendar day after `iso` (`2026-03-31` → `2026-04-01`). */
export function nextDay(iso: string): string {
  const date = new Date(`${iso}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}

/**
 * The choices of 廃止する時期: each existing period after the last one the item has reports in (from that period
 * on), oldest first, then 「次の報告期間から」, the day after the newest period's as-of date, so only periods created
 * later leave the item out. Without any period, 「次の報告期間から」 is today.
 */
export function retirementChoices(
  periods: PeriodLike[],
  lastReported: string | null,
  today: string,
): RetirementChoice[] {
  const sorted = [...periods].sort((a, b) => a.as_of.localeCompare(b.as_of) || a.id - b.id);
  const choices: RetirementChoice[] = [];
  for (const period of sorted) {
    if (lastReported !== null && period.as_of <= lastReported) continue;
    if (choices.some((c) => c.value === period.as_of)) continue;
    choices.push({
      value: period.as_of,
      label: text.retireFromPeriod(period.label, messages.periodKinds[period.kind]),
    });
  }
  const newest = sorted.at(-1);
  const next = newest ? nextDay(newest.as_of) : today;
  if (lastReported === null || next > lastReported) {
    choices.push({ value: next, label: text.retireFromNext(shortWareki(next)) });
  }
  return choices;
}

const wareki = new Intl.DateTimeFormat('ja-JP-u-ca-japanese', {
  era: 'long',
  year: 'numeric',
  month: 'long',
  day: 'numeric',
  timeZone: 'Asia/Tokyo',
});

/** `令和8年4月1日`: a calendar date in 和暦 only, for short labels (a badge, an option). */
export function shortWareki(iso: string): string {
  return wareki.format(new Date(`${iso}T00:00:00+09:00`));
}

/**
 * The badge of a retired item: 「令和8年度以降 廃止」 when it is retired from the start of a fiscal year (1 April),
 * 「令和8年10月1日以降 廃止」 otherwise.
 */
export function retiredBadgeText(retiredFrom: string): string {
  const [year, month, day] = retiredFrom.split('-').map(Number);
  const when = month === 4 && day === 1 && year !== undefined ? fiscalYearLabel(year) : shortWareki(retiredFrom);
  return text.retiredBadge(when);
}
