import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { components } from '@/api/schema';
import { api, unwrap } from '@/lib/api-client';
import { invalidateStructureQueries } from './structure-writes';

type CreateDirection = components['schemas']['CreateDirection'];

/** POST /api/v1/measures/{measure_id}/directions: a new direction ①②③ of a 基本施策. */
export function createDirection({ measureId, ...body }: CreateDirection & { measureId: number }) {
  return unwrap(
    api.POST('/api/v1/measures/{measure_id}/directions', { params: { path: { measure_id: measureId } }, body }),
  );
}

export function useCreateDirection() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: createDirection, onSuccess: () => invalidateStructureQueries(queryClient) });
}
