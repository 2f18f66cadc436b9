import { NavLink } from 'react-router';
import { messages } from '@/lib/messages';
import { useUnreadCount } from '../api/get-notifications';

const text = messages.notifications;

/** The header's link to 通知 with the number of unread notifications, which screen readers hear as 「通知（未読3件）」. */
export function NotificationBell({ to }: { to: string }) {
  const unread = useUnreadCount().data ?? 0;
  return (
    <NavLink
      to={to}
      className="relative inline-flex min-h-11 items-center gap-2 rounded-8 border-2 border-blue-900 px-3 py-1 text-oln-16B-100 text-blue-900 no-underline hover:bg-blue-50 hover:underline"
    >
      <svg aria-hidden="true" viewBox="0 0 24 24" className="size-5 fill-current">
        <path d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3a1.5 1.5 0 0 0-3 0v1.16A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z" />
      </svg>
      <span>{text.title}</span>
      {unread > 0 && (
        <span className="rounded-full bg-error-1 px-2 text-oln-14B-100 leading-6 text-white">
          <span aria-hidden="true">{unread}</span>
          <span className="sr-only">{text.bellUnread(unread)}</span>
        </span>
      )}
    </NavLink>
  );
}
