import { PageTitle } from '@/components/ui/page-title';
import { NotificationsList } from '@/features/notifications/components/notifications-list';
import { messages } from '@/lib/messages';
import { reportPath } from '../../paths';

export function NotificationsRoute() {
  return (
    <>
      <PageTitle title={messages.notifications.title}>{messages.notifications.title}</PageTitle>
      <p>{messages.notifications.lead}</p>
      <NotificationsList reportHref={reportPath} />
    </>
  );
}
