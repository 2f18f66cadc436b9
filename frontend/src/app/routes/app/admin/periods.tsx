import { ErrorAlert, Loading } from '@/components/ui/alert';
import { PageTitle } from '@/components/ui/page-title';
import { PeriodsAdmin } from '@/features/periods/components/periods-admin';
import { useCurrentPlan } from '@/features/plans/api/get-plans';
import { messages } from '@/lib/messages';
import { editionPath } from '../../../paths';

export function PeriodsRoute() {
  const plan = useCurrentPlan();
  return (
    <>
      <PageTitle title={messages.periods.title}>{messages.periods.title}</PageTitle>
      <p>{messages.periods.lead}</p>
      {plan.isPending ? (
        <Loading />
      ) : plan.isError ? (
        <ErrorAlert error={plan.error} />
      ) : !plan.data ? (
        <p>{messages.errors.noPlan}</p>
      ) : (
        <PeriodsAdmin key={plan.data.id} planId={plan.data.id} editionHref={editionPath} />
      )}
    </>
  );
}
