import { describe, expect, it } from 'vitest';
import { planTree } from '@/testing/fixtures';
import {
  countRows,
  departmentNames,
  directionNumber,
  filterTree,
  measureHeading,
  measureTableTitle,
  placedRows,
  rowDepartments,
} from './plan-tree';

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

  it('uses the longer table title inside the table where the plan has one', () => {
    expect(measureHeading(attempts!)).toBe('基本施策4 自殺未遂者への支援の充実');
    expect(measureTableTitle(attempts!)).toBe('基本施策4 自殺未遂者等への支援の充実');
    expect(measureTableTitle(network!)).toBe('基本施策1 地域におけるネットワークの強化');
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

describe('filterTree', () => {
  it('keeps everything without a filter', () => {
    expect(countRows(filterTree(planTree.measures, { departmentId: null, measureId: null }))).toBe(4);
  });

  it('keeps a department’s rows, including rows it owns jointly, and drops emptied measures and directions', () => {
    const shown = filterTree(planTree.measures, { departmentId: 2, measureId: null });
    expect(countRows(shown)).toBe(1);
    expect(shown.map((n) => n.measure.id)).toEqual([2]);

    const kenko = filterTree(planTree.measures, { departmentId: 1, measureId: null });
    expect(kenko[0]!.directions.map((d) => d.direction.number)).toEqual([1]);
  });

  it('keeps one measure', () => {
    const shown = filterTree(planTree.measures, { departmentId: null, measureId: 3 });
    expect(shown.map((n) => n.measure.id)).toEqual([3]);
    expect(countRows(shown)).toBe(1);
  });
});
