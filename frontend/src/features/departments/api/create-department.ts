import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { components } from '@/api/schema';
import { api, unwrap } from '@/lib/api-client';
import { apiQueryKey } from '@/lib/query-keys';

type CreateDepartment = components['schemas']['CreateDepartment'];

/** POST /api/v1/departments */
export function createDepartment(body: CreateDepartment) {
  return unwrap(api.POST('/api/v1/departments', { body }));
}

export function useCreateDepartment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createDepartment,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: apiQueryKey('/api/v1/departments') }),
  });
}
