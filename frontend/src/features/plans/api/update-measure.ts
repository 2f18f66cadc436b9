import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { components } from '@/api/schema';
import { api, unwrap } from '@/lib/api-client';
import { invalidateStructureQueries } from './structure-writes';

type UpdateMeasure = components['schemas']['UpdateMeasure'];

/** PATCH /api/v1/measures/{id}: a measure's number, titles, description, first-column header or 廃止. */
export function updateMeasure({ id, ...body }: UpdateMeasure & { id: number }) {
  return unwrap(api.PATCH('/api/v1/measures/{id}', { params: { path: { id } }, body }));
}

export function useUpdateMeasure() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateMeasure,
    onSuccess: () => invalidateStructureQueries(queryClient),
  });
}
