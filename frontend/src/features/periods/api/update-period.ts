import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { components } from '@/api/schema';
import { api, unwrap } from '@/lib/api-client';

type UpdatePeriod = components['schemas']['UpdatePeriod'];

/** PATCH /api/v1/periods/{id}: a new opening date or deadline (not for a published period: 409). */
export function updatePeriod({ id, ...body }: UpdatePeriod & { id: number }) {
  return unwrap(api.PATCH('/api/v1/periods/{id}', { params: { path: { id } }, body }));
}

export function useUpdatePeriod() {
  const queryClient = useQueryClient();
  // The deadline shows on ホーム, the dashboard and in the days left: refresh everything about periods.
  return useMutation({ mutationFn: updatePeriod, onSuccess: () => queryClient.invalidateQueries() });
}
