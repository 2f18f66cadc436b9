import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { components } from '@/api/schema';
import { api, unwrap } from '@/lib/api-client';
import { invalidatePlanQueries } from './plan-queries';

type UpdateDirection = components['schemas']['UpdateDirection'];

/** PATCH /api/v1/directions/{id}: a direction's number or title. */
export function updateDirection({ id, ...body }: UpdateDirection & { id: number }) {
  return unwrap(api.PATCH('/api/v1/directions/{id}', { params: { path: { id } }, body }));
}

export function useUpdateDirection() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateDirection,
    onSuccess: () => invalidatePlanQueries(queryClient),
  });
}
