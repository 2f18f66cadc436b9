import { PageTitle } from '@/components/ui/page-title';
import { DashboardView } from '@/features/dashboard/components/dashboard-view';
import { messages } from '@/lib/messages';
import { WithPeriod } from '../period-param';

export function DashboardRoute() {
  return (
    <>
      <PageTitle title={messages.dashboard.title}>{messages.dashboard.title}</PageTitle>
      <p>{messages.dashboard.lead}</p>
      <WithPeriod>{(period) => <DashboardView key={period.id} periodId={period.id} />}</WithPeriod>
    </>
  );
}
