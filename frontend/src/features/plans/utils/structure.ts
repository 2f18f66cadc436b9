// The plan's structure as the editor changes it: where a row can go, the full row order a measure's reorder needs,
// and the periods a new row can still join.

import type { components } from '@/api/schema';
import { messages } from '@/lib/messages';
import { directionLabel, measureHeading, type InitiativeRow, type MeasureNode, type PlanTree } from './plan-tree';

type ReportingPeriod = components['schemas']['ReportingPeriod'];
type UpdateRow = components['schemas']['UpdateRow'];

/** Where a row sits: a measure, and one of its directions or none (directly under the measure). */
export type Place = { measureId: number; directionId: number | null };

/** A place as a select's value: `12:` (directly under measure 12) or `12:5` (its direction 5). */
export function placeValue({ measureId, directionId }: Place): string {
  return `${measureId}:${directionId ?? ''}`;
}

export function parsePlace(value: string): Place {
  const [measure, direction] = value.split(':');
  return { measureId: Number(measure), directionId: direction ? Number(direction) : null };
}

export type PlaceGroup = { label: string; options: { value: string; label: string }[] };

/** Every place a row can go, grouped by measure in table order (for a select with optgroups). */
export function placeOptions(tree: PlanTree): PlaceGroup[] {
  return tree.measures.map(({ measure, directions }) => ({
    label: measureHeading(measure),
    options: [
      { value: placeValue({ measureId: measure.id, directionId: null }), label: messages.planStructure.direct },
      ...directions.map(({ direction }) => ({
        value: placeValue({ measureId: measure.id, directionId: direction.id }),
        label: directionLabel(direction),
      })),
    ],
  }));
}

/** `基本施策3 …` or `基本施策3 … ＞ ②…`, for messages. */
export function placeName(tree: PlanTree, { measureId, directionId }: Place): string {
  const node = tree.measures.find((m) => m.measure.id === measureId);
  if (!node) return '';
  const direction = node.directions.find((d) => d.direction.id === directionId)?.direction;
  return direction ? `${measureHeading(node.measure)} ＞ ${directionLabel(direction)}` : measureHeading(node.measure);
}

/** The PATCH that takes `row` to `place`: a move to another measure, or another direction of its own. */
export function movePatch(row: InitiativeRow, place: Place): UpdateRow | null {
  if (place.measureId !== row.measure_id) {
    return place.directionId === null
      ? { measure_id: place.measureId }
      : { measure_id: place.measureId, direction_id: place.directionId };
  }
  if (place.directionId === (row.direction_id ?? null)) return null;
  return { direction_id: place.directionId };
}

/**
 * Every row id of a measure in order, with the rows of one part (the rows directly under it when `directionId` is
 * null, else one direction's) in the order `ids` gives: what PUT /measures/{id}/row-order wants, which keeps each
 * row's direction.
 */
export function measureRowOrder(node: MeasureNode, directionId: number | null, ids: number[]): number[] {
  const part = (id: number | null, rows: InitiativeRow[]) => (id === directionId ? ids : rows.map((r) => r.id));
  return [...part(null, node.rows), ...node.directions.flatMap(({ direction, rows }) => part(direction.id, rows))];
}

/** Every row id of a measure: its own rows and its directions'. */
export function measureRowIds(node: MeasureNode): number[] {
  return [...node.rows, ...node.directions.flatMap((d) => d.rows)].map((r) => r.id);
}

/** The periods departments are writing in now (受付中), newest first: a new row can still join them. */
export function openPeriods(periods: ReportingPeriod[]): ReportingPeriod[] {
  return periods.filter((p) => p.state === 'open').sort((a, b) => b.as_of.localeCompare(a.as_of) || b.id - a.id);
}

/** `令和7年度 3月末（年間）` */
export function periodDisplayName(period: Pick<ReportingPeriod, 'label' | 'kind'>): string {
  return `${period.label}（${messages.periodKinds[period.kind]}）`;
}

/** The next free number in a list (1 for an empty one). */
export function nextNumber(numbers: number[]): number {
  return numbers.reduce((max, n) => Math.max(max, n), 0) + 1;
}
