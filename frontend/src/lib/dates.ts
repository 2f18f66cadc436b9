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
