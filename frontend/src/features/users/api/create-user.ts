import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { components } from '@/api/schema';
import { api, unwrap } from '@/lib/api-client';
import { apiQueryKey } from '@/lib/query-keys';

type CreateUser = components['schemas']['CreateUser'];

/** POST /api/v1/users: without a password the server generates one and returns it once. */
export function createUser(body: CreateUser) {
  return unwrap(api.POST('/api/v1/users', { body }));
}

export function useCreateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createUser,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: apiQueryKey('/api/v1/users') }),
  });
}
