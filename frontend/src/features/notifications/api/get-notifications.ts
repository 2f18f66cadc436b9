import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';
import { apiQueryKey } from '@/lib/query-keys';

export const NOTIFICATIONS_PER_PAGE = 20;

/** GET /api/v1/notifications: my notifications, newest first, with the number of unread ones. */
export function notificationsQueryOptions(page: number, perPage = NOTIFICATIONS_PER_PAGE) {
  const params = { query: { page, per_page: perPage } };
  return queryOptions({
    queryKey: apiQueryKey('/api/v1/notifications', params),
    queryFn: () => unwrap(api.GET('/api/v1/notifications', { params })),
  });
}

export function useNotifications(page: number) {
  return useQuery({ ...notificationsQueryOptions(page), placeholderData: keepPreviousData });
}

/** The unread count for the header, looked at again every minute (and whenever a notification is read). */
export function useUnreadCount() {
  return useQuery({
    ...notificationsQueryOptions(1, 1),
    refetchInterval: 60_000,
    select: (page) => page.unread,
  });
}
