import { PageTitle } from '@/components/ui/page-title';
import { PlansAdmin } from '@/features/plans/components/plans-admin';
import { messages } from '@/lib/messages';

export function PlansRoute() {
  return (
    <>
      <PageTitle title={messages.plans.title}>{messages.plans.title}</PageTitle>
      <p>{messages.plans.lead}</p>
      <PlansAdmin />
    </>
  );
}
