import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';
import { apiQueryKey } from '@/lib/query-keys';

/** POST /api/v1/notifications/{id}/read */
export function markRead(id: number) {
  return unwrap(api.POST('/api/v1/notifications/{id}/read', { params: { path: { id } } }));
}

/** POST /api/v1/notifications/read-all */
export function markAllRead() {
  return unwrap(api.POST('/api/v1/notifications/read-all'));
}

export function useMarkRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: markRead,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: apiQueryKey('/api/v1/notifications') }),
  });
}

export function useMarkAllRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: markAllRead,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: apiQueryKey('/api/v1/notifications') }),
  });
}
