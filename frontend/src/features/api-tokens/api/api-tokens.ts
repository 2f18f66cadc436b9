import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { components } from '@/api/schema';
import { api, unwrap } from '@/lib/api-client';
import { apiQueryKey } from '@/lib/query-keys';

type CreateApiToken = components['schemas']['CreateApiToken'];

/** GET /api/v1/api-tokens: every token, without secrets. */
export function apiTokensQueryOptions() {
  return queryOptions({
    queryKey: apiQueryKey('/api/v1/api-tokens'),
    queryFn: () => unwrap(api.GET('/api/v1/api-tokens')),
  });
}

export function useApiTokens() {
  return useQuery(apiTokensQueryOptions());
}

/** POST /api/v1/api-tokens: a new read-only token; its secret is in this answer only. */
export function useCreateApiToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateApiToken) => unwrap(api.POST('/api/v1/api-tokens', { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: apiQueryKey('/api/v1/api-tokens') }),
  });
}

/** POST /api/v1/api-tokens/{id}/revoke */
export function useRevokeApiToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => unwrap(api.POST('/api/v1/api-tokens/{id}/revoke', { params: { path: { id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: apiQueryKey('/api/v1/api-tokens') }),
  });
}
