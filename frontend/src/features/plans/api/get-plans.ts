import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';
import { useSession } from '@/lib/auth';
import { apiQueryKey } from '@/lib/query-keys';
import { currentPlan } from '../utils/current-plan';

/** GET /api/v1/plans: every plan (archived ones too), by id; a city has a handful, so one page holds them. */
export function plansQueryOptions() {
  const params = { query: { per_page: 100 } };
  return queryOptions({
    queryKey: apiQueryKey('/api/v1/plans', params),
    queryFn: () => unwrap(api.GET('/api/v1/plans', { params })),
  });
}

/** Every plan, archived ones included. */
export function usePlans() {
  return useQuery({ ...plansQueryOptions(), select: (page) => page.items });
}

/**
 * The plan the app works on: the one the signed-in user chose (`current_plan_id`, see useChoosePlan) while it is
 * not archived, else the first plan that is not archived. `null` when there is none.
 */
export function useCurrentPlan() {
  const session = useSession();
  const chosenId = session.status === 'signed-in' ? session.user.current_plan_id : null;
  return useQuery({ ...plansQueryOptions(), select: (page) => currentPlan(page.items, chosenId) });
}
