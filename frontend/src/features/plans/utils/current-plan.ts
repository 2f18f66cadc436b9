import type { components } from '@/api/schema';

export type Plan = components['schemas']['Plan'];

/** The plans offered for work: every plan that is not archived, in the API's order. */
export function activePlans(plans: Plan[]): Plan[] {
  return plans.filter((p) => !p.archived_at);
}

/**
 * The plan the app works on: the one the user chose last (`current_plan_id` of GET /me) while it exists and is not
 * archived; otherwise the first plan that is not archived; null when there is none.
 */
export function currentPlan(plans: Plan[], chosenId: number | null | undefined): Plan | null {
  const active = activePlans(plans);
  return active.find((p) => p.id === chosenId) ?? active[0] ?? null;
}
