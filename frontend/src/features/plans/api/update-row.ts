import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { components } from '@/api/schema';
import { api, unwrap } from '@/lib/api-client';
import { invalidateStructureQueries } from './structure-writes';

type UpdateRow = components['schemas']['UpdateRow'];

/** PATCH /api/v1/rows/{id}: a row's name, content, direction, group or measure (a move), or its 廃止. */
export function updateRow({ id, ...body }: UpdateRow & { id: number }) {
  return unwrap(api.PATCH('/api/v1/rows/{id}', { params: { path: { id } }, body }));
}

export function useUpdateRow() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateRow,
    onSuccess: () => invalidateStructureQueries(queryClient),
  });
}
