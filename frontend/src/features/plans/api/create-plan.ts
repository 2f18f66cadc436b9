import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { components } from '@/api/schema';
import { api, unwrap } from '@/lib/api-client';
import { invalidatePlanQueries } from './plan-queries';

type CreatePlan = components['schemas']['CreatePlan'];

/** POST /api/v1/plans: a new, empty plan (its measures and rows are added afterwards). */
export function createPlan(body: CreatePlan) {
  return unwrap(api.POST('/api/v1/plans', { body }));
}

export function useCreatePlan() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createPlan,
    onSuccess: () => invalidatePlanQueries(queryClient),
  });
}
