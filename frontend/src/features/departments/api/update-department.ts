import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { components } from '@/api/schema';
import { api, unwrap } from '@/lib/api-client';

type UpdateDepartment = components['schemas']['UpdateDepartment'];

/** PATCH /api/v1/departments/{id}: rename, retire or reactivate. */
export function updateDepartment({ id, ...body }: UpdateDepartment & { id: number }) {
  return unwrap(api.PATCH('/api/v1/departments/{id}', { params: { path: { id } }, body }));
}

export function useUpdateDepartment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateDepartment,
    // Department names also appear in the plan tree and on users: refresh everything that may show one.
    onSuccess: () => queryClient.invalidateQueries(),
  });
}
