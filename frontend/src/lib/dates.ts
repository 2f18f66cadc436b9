// Dates as the city writes them: 和暦 first, 西暦 in brackets, e.g. 令和7年9月30日 (2025年9月30日).
// Always in Japan time, whatever the browser's time zone: a deadline of "9月30日" is a date in Japan.

const TIME_ZONE = 'Asia/Tokyo';

const wareki = new Intl.DateTimeFormat('ja-JP-u-ca-japanese', {
  era: 'long',
  year: 'numeric',
  month: 'long',
  day: 'numeric',
  timeZone: TIME_ZONE,
});

const seireki = new Intl.DateTimeFormat('ja-JP', {
  year: 'numeric',
  month: 'long',
  day: 'numeric',
  timeZone: TIME_ZONE,
});

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Formats a calendar date (`2025-09-30`), an RFC 3339 timestamp (`2025-09-30T03:00:00Z`) or a Date
 * as `令和7年9月30日 (2025年9月30日)`. A date without time means that day in Japan, not midnight UTC.
 * Throws RangeError for a value that is not a date.
 */
export function formatDate(value: string | Date): string {
  const date = typeof value === 'string' ? new Date(DATE_ONLY.test(value) ? `${value}T00:00:00+09:00` : value) : value;
  return `${wareki.format(date)} (${seireki.format(date)})`;
}

const time = new Intl.DateTimeFormat('ja-JP', {
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
  timeZone: TIME_ZONE,
});

// en-CA writes dates as YYYY-MM-DD, the form the API uses for calendar dates.
const isoDay = new Intl.DateTimeFormat('en-CA', {
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  timeZone: TIME_ZONE,
});

const eraYear = new Intl.DateTimeFormat('ja-JP-u-ca-japanese', { era: 'long', year: 'numeric', timeZone: TIME_ZONE });

/** The time of day in Japan, `14:05`. */
export function formatTime(value: string | Date): string {
  return time.format(typeof value === 'string' ? new Date(value) : value);
}

/** A moment as `令和7年9月30日 (2025年9月30日) 14:05`, in Japan time. */
export function formatDateTime(value: string | Date): string {
  return `${formatDate(value)} ${formatTime(value)}`;
}

/** The calendar day in Japan at `now`, as `2025-09-30`. */
export function japanDay(now: Date): string {
  return isoDay.format(now);
}

/**
 * Calendar days from today (in Japan) until `deadline` (`2025-10-30`): 0 on the day itself, negative once it has
 * passed. Days, not hours: a deadline is a date, and "あと1日" must hold for all of the day before.
 */
export function daysUntil(deadline: string, now: Date): number {
  const day = (iso: string) => Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10)));
  return Math.round((day(deadline) - day(japanDay(now))) / 86_400_000);
}

/** `令和7年度` for the fiscal year 2025 (April 2025 to March 2026); `令和元年度` for 2019. */
export function fiscalYearLabel(fiscalYear: number): string {
  // 1 July lies inside the fiscal year whatever the era: 令和 began on 1 May 2019, in the middle of April–March.
  return `${eraYear.format(new Date(`${fiscalYear}-07-01T00:00:00+09:00`))}度`;
}

/** The era and the year in it of a fiscal year: 2024 → ['令和', '6'], 2019 → ['令和', '元']. */
function eraOfFiscalYear(fiscalYear: number): { era: string; year: string } {
  const parts = eraYear.formatToParts(new Date(`${fiscalYear}-07-01T00:00:00+09:00`));
  return {
    era: parts.find((p) => p.type === 'era')?.value ?? '',
    year: parts.find((p) => p.type === 'year')?.value ?? String(fiscalYear),
  };
}

/**
 * A span of fiscal years (a plan's 計画期間) in 和暦: `令和6〜10年度` for 2024–2028, `令和元〜5年度`, `令和6年度〜` when
 * only the first is known, `〜令和10年度` when only the last; null when neither is.
 */
export function fiscalYearRangeLabel(first: number | null | undefined, last: number | null | undefined): string | null {
  if (first == null && last == null) return null;
  if (last == null) return `${fiscalYearLabel(first!)}〜`;
  if (first == null) return `〜${fiscalYearLabel(last)}`;
  if (first === last) return fiscalYearLabel(first);
  const from = eraOfFiscalYear(first);
  const to = eraOfFiscalYear(last);
  return from.era === to.era
    ? `${from.era}${from.year}〜${to.year}年度`
    : `${fiscalYearLabel(first)}〜${fiscalYearLabel(last)}`;
}
