import { describe, expect, it } from 'vitest';
import { period } from '@/testing/fixtures';
import { deadlineWording, defaultPeriod, openPeriod, periodName, periodTransitions } from './periods';

// 2026-12-09 10:00 in Japan.
const now = new Date('2026-12-09T01:00:00Z');

describe('deadlineWording', () => {
  it('counts the days left until the deadline', () => {
    expect(deadlineWording('2026-12-14', now)).toEqual({ days: 5, text: '締切まであと5日', passed: false });
  });

  it('says so on the deadline day', () => {
    expect(deadlineWording('2026-12-09', now)).toEqual({ days: 0, text: '本日が締切です', passed: false });
  });

  it('counts the days overdue after the deadline', () => {
    expect(deadlineWording('2026-12-06', now)).toEqual({ days: -3, text: '締切を3日過ぎています', passed: true });
  });

  it('counts calendar days in Japan: late evening UTC is already the next day there', () => {
    // 2026-12-13 15:30 UTC is 2026-12-14 00:30 in Japan: the deadline day itself.
    expect(deadlineWording('2026-12-14', new Date('2026-12-13T15:30:00Z')).text).toBe('本日が締切です');
    expect(deadlineWording('2026-12-14', new Date('2026-12-13T14:59:00Z')).text).toBe('締切まであと1日');
  });
});

describe('choosing a period', () => {
  const firstHalf = period({
    id: 1,
    kind: 'first_half',
    as_of: '2025-09-30',
    label: '令和7年度 9月末',
    state: 'closed',
  });
  const fullYear = period({ id: 2 });
  const next = period({ id: 3, as_of: '2026-09-30', label: '令和8年度 9月末', state: 'preparing' });

  it('names a period with its kind', () => {
    expect(periodName(fullYear)).toBe('令和7年度 3月末（年間）');
    expect(periodName(firstHalf)).toBe('令和7年度 9月末（上半期）');
  });

  it('starts on the open period, else the newest with reports', () => {
    expect(openPeriod([firstHalf, fullYear, next])?.id).toBe(2);
    expect(defaultPeriod([firstHalf, fullYear, next])?.id).toBe(2);
    expect(openPeriod([firstHalf, next])).toBeNull();
    expect(defaultPeriod([firstHalf, next])?.id).toBe(1);
    expect(defaultPeriod([])).toBeNull();
  });

  it('offers the life-cycle steps of each state', () => {
    expect(periodTransitions('preparing')).toEqual(['open']);
    expect(periodTransitions('open')).toEqual(['close']);
    expect(periodTransitions('closed')).toEqual(['reopen', 'publish']);
    expect(periodTransitions('published')).toEqual([]);
  });
});
