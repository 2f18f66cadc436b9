import { useState } from 'react';
import { Link } from 'react-router';
import type { components } from '@/api/schema';
import { ErrorAlert, Loading } from '@/components/ui/alert';
import { Badge, type BadgeTone } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Pagination } from '@/components/ui/pagination';
import { formatDateTime } from '@/lib/dates';
import { messages } from '@/lib/messages';
import { NOTIFICATIONS_PER_PAGE, useNotifications } from '../api/get-notifications';
import { useMarkAllRead, useMarkRead } from '../api/mark-read';

type Notification = components['schemas']['Notification'];
type NotificationKind = components['schemas']['NotificationKind'];

const text = messages.notifications;
const tones: Record<NotificationKind, BadgeTone> = {
  report_returned: 'red',
  report_approved: 'green',
  deadline_near: 'yellow',
  reminder: 'yellow',
};

function Item({ notification, reportHref }: { notification: Notification; reportHref: (id: number) => string }) {
  const markRead = useMarkRead();
  const unread = !notification.read_at;
  return (
    <li
      className={`flex flex-col gap-2 rounded-8 p-4 ${unread ? 'border-2 border-blue-900 bg-blue-50' : 'border border-solid-gray-420'}`}
    >
      <p className="flex flex-wrap items-center gap-2">
        <Badge tone={tones[notification.kind]}>{text.kinds[notification.kind]}</Badge>
        {unread && <span className="text-std-16B-170 text-blue-1100">{text.unread}</span>}
        <span className="text-dns-16N-130 text-solid-gray-700">{formatDateTime(notification.created_at)}</span>
      </p>
      <p className="whitespace-pre-wrap">{notification.message}</p>
      <div className="flex flex-wrap items-center gap-4">
        {notification.report_id != null && <Link to={reportHref(notification.report_id)}>{text.openReport}</Link>}
        {unread && (
          <Button
            variant="secondary"
            size="sm"
            disabled={markRead.isPending}
            onClick={() => markRead.mutate(notification.id)}
          >
            {text.markRead}
          </Button>
        )}
      </div>
      {markRead.isError && <ErrorAlert error={markRead.error} />}
    </li>
  );
}

/** 通知: my notifications, newest first, unread ones marked, each readable on its own or all at once. */
export function NotificationsList({ reportHref }: { reportHref: (id: number) => string }) {
  const [page, setPage] = useState(1);
  const list = useNotifications(page);
  const markAll = useMarkAllRead();

  if (list.isPending) return <Loading />;
  if (list.isError) return <ErrorAlert error={list.error} />;
  const { items, total, unread } = list.data;
  const pages = Math.max(1, Math.ceil(total / NOTIFICATIONS_PER_PAGE));
  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-wrap items-center gap-4">
        <p role="status">{text.unreadCount(unread)}</p>
        {unread > 0 && (
          <Button variant="secondary" size="sm" disabled={markAll.isPending} onClick={() => markAll.mutate()}>
            {text.markAllRead}
          </Button>
        )}
      </div>
      {markAll.isError && <ErrorAlert error={markAll.error} />}
      {items.length === 0 ? (
        <p>{text.empty}</p>
      ) : (
        <ul className="flex flex-col gap-3">
          {items.map((n) => (
            <Item key={n.id} notification={n} reportHref={reportHref} />
          ))}
        </ul>
      )}
      <Pagination page={page} pages={pages} onPage={setPage} />
    </div>
  );
}
