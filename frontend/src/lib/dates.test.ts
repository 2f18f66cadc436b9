import { describe, expect, it } from 'vitest';
import {
  daysUntil,
  fiscalYearLabel,
  fiscalYearRangeLabel,
  formatDate,
  formatDateTime,
  formatTime,
  japanDay,
} from './dates';

describe('formatDate', () => {
  it('shows the Japanese era date with the western date in brackets', () => {
    expect(formatDate('2025-09-30')).toBe('令和7年9月30日 (2025年9月30日)');
  });

  it('writes the first year of an era as 元年', () => {
    expect(formatDate('2019-05-01')).toBe('令和元年5月1日 (2019年5月1日)');
  });

  it('uses the era in force on that day', () => {
    expect(formatDate('2019-04-30')).toBe('平成31年4月30日 (2019年4月30日)');
  });

  it('reads timestamps in Japan time, where late UTC evening is already the next day', () => {
    expect(formatDate('2025-09-30T15:30:00Z')).toBe('令和7年10月1日 (2025年10月1日)');
  });

  it('accepts Date objects', () => {
    expect(formatDate(new Date(Date.UTC(2026, 2, 31, 3)))).toBe('令和8年3月31日 (2026年3月31日)');
  });

  it('rejects values that are not dates', () => {
    expect(() => formatDate('9月30日')).toThrow(RangeError);
  });
});

describe('formatTime, formatDateTime, fiscalYearLabel', () => {
  it('shows the time of day in Japan', () => {
    expect(formatTime('2026-12-01T05:05:00Z')).toBe('14:05');
    expect(formatDateTime('2026-12-01T05:05:00Z')).toBe('令和8年12月1日 (2026年12月1日) 14:05');
  });

  it('names fiscal years in the era of their April–March span', () => {
    expect(fiscalYearLabel(2025)).toBe('令和7年度');
    expect(fiscalYearLabel(2019)).toBe('令和元年度');
  });

  it('counts days until a date in Japan', () => {
    expect(daysUntil('2026-12-14', new Date('2026-11-30T03:00:00Z'))).toBe(14);
    expect(japanDay(new Date('2026-11-30T15:00:00Z'))).toBe('2026-12-01');
  });
});

describe('fiscalYearRangeLabel', () => {
  it('writes a plan’s 計画期間 in one era', () => {
    expect(fiscalYearRangeLabel(2024, 2028)).toBe('令和6〜10年度');
    expect(fiscalYearRangeLabel(2019, 2023)).toBe('令和元〜5年度');
    expect(fiscalYearRangeLabel(2025, 2025)).toBe('令和7年度');
  });

  it('leaves out what is not known', () => {
    expect(fiscalYearRangeLabel(2024, null)).toBe('令和6年度〜');
    expect(fiscalYearRangeLabel(null, 2028)).toBe('〜令和10年度');
    expect(fiscalYearRangeLabel(null, undefined)).toBeNull();
  });
});
