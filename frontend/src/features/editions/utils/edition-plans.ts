import type { components } from '@/api/schema';

type EditionSummary = components['schemas']['EditionSummary'];

export type EditionPlan = { id: number; label: string };

/**
 * The plans that have published editions, named as the list names them (あきる野市 健康増進計画), in the order they
 * first appear (newest edition first). Public pages have no session to ask GET /plans, so the editions tell.
 */
export function editionPlans(editions: EditionSummary[]): EditionPlan[] {
  const plans: EditionPlan[] = [];
  for (const e of editions) {
    if (!plans.some((p) => p.id === e.plan_id))
      plans.push({ id: e.plan_id, label: `${e.municipality} ${e.plan_name}` });
  }
  return plans;
}
