import { describe, expect, it } from 'vitest';
import { dispositionFilename } from './download';

describe('dispositionFilename', () => {
  it('prefers the UTF-8 name, where the Japanese file name is', () => {
    const header =
      'attachment; filename="shinko-table-2.xlsx"; filename*=UTF-8\'\'%E6%96%BD%E7%AD%96%E5%88%A5%E4%BA%8B%E6%A5%AD%E9%80%B2%E8%A1%8C%E7%AE%A1%E7%90%86%E8%A1%A8_%E4%BB%A4%E5%92%8C7%E5%B9%B4%E5%BA%A63%E6%9C%88%E6%9C%AB.xlsx';
    expect(dispositionFilename(header, 'x.xlsx')).toBe('施策別事業進行管理表_令和7年度3月末.xlsx');
  });

  it('falls back to the plain name, then to the given one', () => {
    expect(dispositionFilename('attachment; filename="table.csv"', 'x.csv')).toBe('table.csv');
    expect(dispositionFilename("attachment; filename*=UTF-8''%E0%A4%A; filename=a.csv", 'x.csv')).toBe('a.csv');
    expect(dispositionFilename(null, 'x.csv')).toBe('x.csv');
  });
});
