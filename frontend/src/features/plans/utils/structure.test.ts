import { describe, expect, it } from 'vitest';
import { period, planTree } from '@/testing/fixtures';
import {
  measureRowOrder,
  movePatch,
  nextNumber,
  openPeriods,
  parsePlace,
  placeName,
  placeOptions,
  placeValue,
} from './structure';

const [basic1, basic4, priority1] = planTree.measures;
const row = basic1!.directions[0]!.rows[0]!; // あきる野市自殺対策推進協議会, 基本施策1 ①

describe('places of a row', () => {
  it('round-trips through the select’s value', () => {
    expect(parsePlace(placeValue({ measureId: 3, directionId: null }))).toEqual({ measureId: 3, directionId: null });
    expect(parsePlace(placeValue({ measureId: 1, directionId: 2 }))).toEqual({ measureId: 1, directionId: 2 });
  });

  it('lists every measure with 施策の直下 and its directions', () => {
    const groups = placeOptions(planTree);
    expect(groups.map((g) => g.label)).toEqual([
      '基本施策1 地域におけるネットワークの強化',
      '基本施策4 自殺未遂者への支援の充実',
      '重点施策1 高齢者の自殺対策の推進',
    ]);
    expect(groups[0]!.options.map((o) => o.label)).toEqual([
      '施策の直下（取組の方向なし）',
      '①自殺対策に関するネットワークを強化する',
      '②特定の分野に対する連携・ネットワークを強化する',
    ]);
    expect(placeName(planTree, { measureId: 1, directionId: 2 })).toBe(
      '基本施策1 地域におけるネットワークの強化 ＞ ②特定の分野に対する連携・ネットワークを強化する',
    );
  });
});

describe('movePatch', () => {
  it('moves to another measure, with or without a direction there', () => {
    expect(movePatch(row, { measureId: priority1!.measure.id, directionId: null })).toEqual({ measure_id: 3 });
    expect(movePatch(row, { measureId: basic4!.measure.id, directionId: 3 })).toEqual({
      measure_id: 2,
      direction_id: 3,
    });
  });

  it('changes only the direction within the same measure, and nothing when the place is the same', () => {
    expect(movePatch(row, { measureId: 1, directionId: 2 })).toEqual({ direction_id: 2 });
    expect(movePatch(row, { measureId: 1, directionId: null })).toEqual({ direction_id: null });
    expect(movePatch(row, { measureId: 1, directionId: 1 })).toBeNull();
  });
});

describe('measureRowOrder', () => {
  it('names every row of the measure, with one part in its new order', () => {
    const node = {
      ...basic1!,
      directions: [{ ...basic1!.directions[0]!, rows: [row, { ...row, id: 10 }] }, basic1!.directions[1]!],
    };
    expect(measureRowOrder(node, 1, [10, 1])).toEqual([10, 1, 2]);
    expect(measureRowOrder(node, 2, [2])).toEqual([1, 10, 2]);
  });
});

describe('openPeriods and nextNumber', () => {
  it('keeps the running periods, newest first', () => {
    const periods = [
      period({ id: 1, state: 'closed', as_of: '2025-09-30' }),
      period({ id: 2, state: 'open', as_of: '2026-03-31' }),
      period({ id: 3, state: 'open', as_of: '2026-09-30' }),
    ];
    expect(openPeriods(periods).map((p) => p.id)).toEqual([3, 2]);
  });

  it('numbers after the highest number', () => {
    expect(nextNumber([])).toBe(1);
    expect(nextNumber([1, 4, 2])).toBe(5);
  });
});
