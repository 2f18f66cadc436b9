import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { components } from '@/api/schema';
import { api, unwrap } from '@/lib/api-client';
import { apiQueryKey } from '@/lib/query-keys';

type UpdateUser = components['schemas']['UpdateUser'];

/** PATCH /api/v1/users/{id}: name, department, role, or disable. */
export function updateUser({ id, ...body }: UpdateUser & { id: number }) {
  return unwrap(api.PATCH('/api/v1/users/{id}', { params: { path: { id } }, body }));
}

export function useUpdateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateUser,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: apiQueryKey('/api/v1/users') }),
  });
}
