// Reading the plan tree (GET /plans/{id}/tree) the way the screens need it: labels as the city writes them,
// rows with their place in the plan, and the table filtered by department or measure.

import type { components } from '@/api/schema';
import { messages } from '@/lib/messages';

export type PlanTree = components['schemas']['PlanTree'];
export type MeasureNode = components['schemas']['MeasureNode'];
export type Measure = components['schemas']['Measure'];
export type Direction = components['schemas']['Direction'];
export type InitiativeRow = components['schemas']['InitiativeRow'];
export type DepartmentRef = components['schemas']['DepartmentRef'];

/** ① for 1 … ⑳ for 20, the way the plan numbers its directions; (21) beyond, where Unicode has no circle. */
export function directionNumber(n: number): string {
  return n >= 1 && n <= 20 ? String.fromCodePoint(0x2460 + n - 1) : `(${n})`;
}

/** `①自殺対策に関するネットワークを強化する` */
export function directionLabel(direction: Direction): string {
  return `${directionNumber(direction.number)}${direction.title}`;
}

/** `基本施策1` / `重点施策2` */
export function measureNumberLabel(measure: Measure): string {
  return `${messages.measureKinds[measure.kind]}${measure.number}`;
}

/** The heading: `基本施策4 自殺未遂者への支援の充実`. */
export function measureHeading(measure: Measure): string {
  return `${measureNumberLabel(measure)} ${measure.title}`;
}

/** `健康課／福祉総務課`, in the order the plan lists the owners. */
export function departmentNames(row: InitiativeRow): string {
  return row.departments.map((d) => d.name).join('／');
}

/** A row with the measure and direction it sits under. */
export type PlacedRow = { row: InitiativeRow; measure: Measure; direction: Direction | null };

/** Every row in table order: per measure its direct rows, then its directions' rows. */
export function placedRows(tree: PlanTree): PlacedRow[] {
  return tree.measures.flatMap((node) => [
    ...node.rows.map((row) => ({ row, measure: node.measure, direction: null })),
    ...node.directions.flatMap((d) => d.rows.map((row) => ({ row, measure: node.measure, direction: d.direction }))),
  ]);
}

/** The departments that own at least one row, in the order they first appear in the table. */
export function rowDepartments(tree: PlanTree): DepartmentRef[] {
  const seen = new Map<number, DepartmentRef>();
  for (const { row } of placedRows(tree)) {
    for (const d of row.departments) if (!seen.has(d.id)) seen.set(d.id, d);
  }
  return [...seen.values()];
}

/** `基本施策3 ② 健康相談（健康課）`: enough to find a related row in the table. */
export function relatedLabel({ row, measure, direction }: PlacedRow): string {
  const place = direction
    ? `${measureNumberLabel(measure)} ${directionNumber(direction.number)}`
    : measureNumberLabel(measure);
  return `${place} ${row.name}（${departmentNames(row)}）`;
}

/** `基本施策4 自殺未遂者への支援の充実 ＞ ①自殺未遂者等を適切な支援につなげる` */
export function placeLabel({ measure, direction }: PlacedRow): string {
  return direction ? `${measureHeading(measure)} ＞ ${directionLabel(direction)}` : measureHeading(measure);
}

/** Where each row sits and which rows are the same 事業 elsewhere, by row id, for screens that list reports. */
export type RowContext = { place: string; related: string[] };

export function rowContexts(tree: PlanTree): Map<number, RowContext> {
  const placed = placedRows(tree);
  const byId = new Map(placed.map((p) => [p.row.id, p]));
  return new Map(
    placed.map((p) => [
      p.row.id,
      {
        place: placeLabel(p),
        related: p.row.related_row_ids.flatMap((id) => (byId.has(id) ? [relatedLabel(byId.get(id)!)] : [])),
      },
    ]),
  );
}
