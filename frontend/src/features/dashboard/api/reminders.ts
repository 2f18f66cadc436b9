import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';
import { apiQueryKey } from '@/lib/query-keys';

/** GET /api/v1/periods/{id}/reminders: per department the rows still 下書き or 差戻し. */
export function remindersQueryOptions(periodId: number) {
  const params = { path: { id: periodId } };
  return queryOptions({
    queryKey: apiQueryKey('/api/v1/periods/{id}/reminders', params),
    queryFn: () => unwrap(api.GET('/api/v1/periods/{id}/reminders', { params })),
  });
}

export function useReminders(periodId: number) {
  return useQuery(remindersQueryOptions(periodId));
}

/** POST /api/v1/periods/{id}/reminders: notifies (and mails) every department that still owes reports. */
export function useSendReminders() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (periodId: number) =>
      unwrap(api.POST('/api/v1/periods/{id}/reminders', { params: { path: { id: periodId } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: apiQueryKey('/api/v1/notifications') }),
  });
}
