import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { components } from '@/api/schema';
import { api, unwrap } from '@/lib/api-client';
import { invalidateStructureQueries } from './structure-writes';

type UpdateDirection = components['schemas']['UpdateDirection'];

/** PATCH /api/v1/directions/{id}: a direction's number, title or 廃止. */
export function updateDirection({ id, ...body }: UpdateDirection & { id: number }) {
  return unwrap(api.PATCH('/api/v1/directions/{id}', { params: { path: { id } }, body }));
}

export function useUpdateDirection() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateDirection,
    onSuccess: () => invalidateStructureQueries(queryClient),
  });
}
