import { useMutation } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';
import { getSession, updateSessionUser } from '@/lib/session';

/** PUT /api/v1/me/plan: remembers the plan the user works on, on every device (answers 204). */
export async function choosePlan(planId: number): Promise<void> {
  await unwrap(api.PUT('/api/v1/me/plan', { body: { plan_id: planId } }));
}

function setChosenPlan(planId: number | null | undefined) {
  const session = getSession();
  if (session.status === 'signed-in') updateSessionUser({ ...session.user, current_plan_id: planId });
}

/**
 * Switches the plan the app works on. The session's user takes the new `current_plan_id` at once, so every screen
 * reads the chosen plan's data (their queries are keyed by plan id); a refusal puts the former choice back.
 */
export function useChoosePlan() {
  return useMutation({
    mutationFn: choosePlan,
    onMutate: (planId) => {
      const session = getSession();
      const previous = session.status === 'signed-in' ? session.user.current_plan_id : null;
      setChosenPlan(planId);
      return { previous };
    },
    onError: (_error, _planId, context) => setChosenPlan(context?.previous),
  });
}
