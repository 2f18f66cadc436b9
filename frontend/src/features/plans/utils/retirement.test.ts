import { describe, expect, it } from 'vitest';
import { period } from '@/testing/fixtures';
import { lastReportedAsOf, nextDay, retiredBadgeText, retirementChoices } from './retirement';

const firstHalf = period({ id: 1, kind: 'first_half', as_of: '2025-09-30', label: '令和7年度 9月末', state: 'closed' });
const fullYear = period({ id: 2, kind: 'full_year', as_of: '2026-03-31', label: '令和7年度 3月末', state: 'open' });
const nextFirstHalf = period({
  id: 3,
  kind: 'first_half',
  as_of: '2026-09-30',
  label: '令和8年度 9月末',
  fiscal_year: 2026,
  state: 'preparing',
});

describe('lastReportedAsOf', () => {
  it('is the newest as-of date over all the rows’ reports', () => {
    expect(lastReportedAsOf([[{ as_of: '2025-09-30' }], [{ as_of: '2025-09-30' }, { as_of: '2026-03-31' }]])).toBe(
      '2026-03-31',
    );
  });

  it('is null without reports', () => {
    expect(lastReportedAsOf([])).toBeNull();
    expect(lastReportedAsOf([[], []])).toBeNull();
  });
});

describe('nextDay', () => {
  it('crosses months and years', () => {
    expect(nextDay('2026-03-31')).toBe('2026-04-01');
    expect(nextDay('2025-12-31')).toBe('2026-01-01');
    expect(nextDay('2028-02-28')).toBe('2028-02-29');
  });
});

describe('retirementChoices', () => {
  it('offers only 「次の報告期間から」 when the item has reports in the newest period', () => {
    expect(retirementChoices([fullYear, firstHalf], '2026-03-31', '2026-11-30')).toEqual([
      { value: '2026-04-01', label: '次の報告期間から（基準日が令和8年4月1日以降の報告期間）' },
    ]);
  });

  it('offers each later period, oldest first, then 「次の報告期間から」', () => {
    expect(retirementChoices([nextFirstHalf, fullYear, firstHalf], '2025-09-30', '2026-11-30')).toEqual([
      { value: '2026-03-31', label: '令和7年度 3月末（年間）から' },
      { value: '2026-09-30', label: '令和8年度 9月末（上半期）から' },
      { value: '2026-10-01', label: '次の報告期間から（基準日が令和8年10月1日以降の報告期間）' },
    ]);
  });

  it('offers every period for an item without reports (a new row)', () => {
    expect(retirementChoices([fullYear, firstHalf], null, '2026-11-30').map((c) => c.value)).toEqual([
      '2025-09-30',
      '2026-03-31',
      '2026-04-01',
    ]);
  });

  it('never offers a date on or before the last reported period', () => {
    for (const last of ['2025-09-30', '2026-03-31', '2026-09-30']) {
      const values = retirementChoices([nextFirstHalf, fullYear, firstHalf], last, '2026-11-30').map((c) => c.value);
      expect(values.every((v) => v > last)).toBe(true);
      expect(values.length).toBeGreaterThan(0);
    }
  });

  it('offers today when the plan has no period yet', () => {
    expect(retirementChoices([], null, '2026-11-30')).toEqual([
      { value: '2026-11-30', label: '次の報告期間から（基準日が令和8年11月30日以降の報告期間）' },
    ]);
  });
});

describe('retiredBadgeText', () => {
  it('names the fiscal year when the item is retired from its first day', () => {
    expect(retiredBadgeText('2026-04-01')).toBe('令和8年度以降 廃止');
  });

  it('names the date otherwise', () => {
    expect(retiredBadgeText('2026-09-30')).toBe('令和8年9月30日以降 廃止');
  });
});
