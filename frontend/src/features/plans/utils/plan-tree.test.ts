import { describe, expect, it } from 'vitest';
import { planTree } from '@/testing/fixtures';
import { departmentNames, directionNumber, measureHeading, placedRows, rowContexts, rowDepartments } from './plan-tree';

const [network, attempts, elderly] = planTree.measures.map((node) => node.measure);

describe('labels', () => {
  it('numbers directions with circled digits, as the plan prints them', () => {
    expect([1, 2, 3, 20].map(directionNumber)).toEqual(['①', '②', '③', '⑳']);
    expect(directionNumber(21)).toBe('(21)');
  });

  it('heads a measure with its kind and number', () => {
    expect(measureHeading(network!)).toBe('基本施策1 地域におけるネットワークの強化');
    expect(measureHeading(elderly!)).toBe('重点施策1 高齢者の自殺対策の推進');
  });

  it('heads a measure with its short title, even where the table uses a longer one', () => {
    expect(measureHeading(attempts!)).toBe('基本施策4 自殺未遂者への支援の充実');
  });

  it('joins co-owning departments with a full-width slash, in the plan’s order', () => {
    const jointRow = planTree.measures[1]!.directions[0]!.rows[0]!;
    expect(departmentNames(jointRow)).toBe('健康課／福祉総務課');
  });
});

describe('placedRows', () => {
  it('lists every row in table order with its measure and direction', () => {
    const placed = placedRows(planTree);
    expect(placed.map((p) => p.row.id)).toEqual([1, 2, 3, 4]);
    expect(placed[1]!.direction?.number).toBe(2);
    expect(placed[3]!.measure.kind).toBe('priority');
    expect(placed[3]!.direction).toBeNull();
  });
});

describe('rowDepartments', () => {
  it('lists each owning department once, in order of first appearance', () => {
    expect(rowDepartments(planTree).map((d) => d.name)).toEqual(['健康課', '障がい者支援課', '福祉総務課']);
  });
});

describe('rowContexts', () => {
  it('places each row under its measure and direction, and names the same 事業 under other measures', () => {
    const contexts = rowContexts(planTree);
    expect(contexts.get(3)).toEqual({
      place: '基本施策4 自殺未遂者への支援の充実 ＞ ①自殺未遂者等を適切な支援につなげる',
      related: ['重点施策1 健康相談（健康課）'],
    });
    expect(contexts.get(4)).toEqual({
      place: '重点施策1 高齢者の自殺対策の推進',
      related: ['基本施策4 ① 健康相談（健康課／福祉総務課）'],
    });
    expect(contexts.get(1)?.related).toEqual([]);
  });
});
