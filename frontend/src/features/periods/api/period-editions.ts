import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';
import { apiQueryKey } from '@/lib/query-keys';

/** GET /api/v1/periods/{id}/editions: a period's published editions, with who published them. */
export function periodEditionsQueryOptions(periodId: number) {
  const params = { path: { id: periodId } };
  return queryOptions({
    queryKey: apiQueryKey('/api/v1/periods/{id}/editions', params),
    queryFn: () => unwrap(api.GET('/api/v1/periods/{id}/editions', { params })),
  });
}

export function usePeriodEditions(periodId: number) {
  return useQuery(periodEditionsQueryOptions(periodId));
}

/** POST /api/v1/periods/{id}/correct: takes a published period back to 締切 for corrections, with the reason. */
export function useCorrectPeriod() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, reason }: { id: number; reason: string }) =>
      unwrap(api.POST('/api/v1/periods/{id}/correct', { params: { path: { id } }, body: { reason } })),
    onSuccess: () => queryClient.invalidateQueries(),
  });
}

/**
 * POST /api/v1/periods/{id}/editions: publishes a 公表 period's current table as its next edition, with the
 * reason. 409 when the table is the same as the newest edition.
 */
export function useCreateEdition() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, note }: { id: number; note: string }) =>
      unwrap(api.POST('/api/v1/periods/{id}/editions', { params: { path: { id } }, body: { note } })),
    onSuccess: async (_edition, { id }) => {
      await queryClient.invalidateQueries({ queryKey: apiQueryKey('/api/v1/periods/{id}/editions', { path: { id } }) });
      // The public pages list the new edition.
      await queryClient.invalidateQueries({ queryKey: apiQueryKey('/api/v1/public/editions') });
      await queryClient.invalidateQueries({ queryKey: apiQueryKey('/api/v1/public/editions/{id}') });
    },
  });
}
