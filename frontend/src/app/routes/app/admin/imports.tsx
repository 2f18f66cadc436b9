import { ErrorAlert, Loading } from '@/components/ui/alert';
import { PageTitle } from '@/components/ui/page-title';
import { ImportTable } from '@/features/imports/components/import-table';
import { useCurrentPlan } from '@/features/plans/api/get-plans';
import { messages } from '@/lib/messages';

export function ImportsRoute() {
  const plan = useCurrentPlan();
  return (
    <>
      <PageTitle title={messages.imports.title}>{messages.imports.title}</PageTitle>
      <p>{messages.imports.lead}</p>
      {plan.isPending ? (
        <Loading />
      ) : plan.isError ? (
        <ErrorAlert error={plan.error} />
      ) : (
        <ImportTable key={plan.data?.id ?? 0} planId={plan.data?.id ?? null} />
      )}
    </>
  );
}
