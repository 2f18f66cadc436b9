import { ErrorAlert, Loading } from '@/components/ui/alert';
import { PageTitle } from '@/components/ui/page-title';
import { ApiTokensAdmin } from '@/features/api-tokens/components/api-tokens-admin';
import { usePlans } from '@/features/plans/api/get-plans';
import { messages } from '@/lib/messages';

// A token may be limited to one plan; the plans feature owns the list, so it is read here and handed on.
export function ApiTokensRoute() {
  const plans = usePlans();
  return (
    <>
      <PageTitle title={messages.apiTokens.title}>{messages.apiTokens.title}</PageTitle>
      <p>{messages.apiTokens.lead}</p>
      {plans.isPending ? (
        <Loading />
      ) : plans.isError ? (
        <ErrorAlert error={plans.error} />
      ) : (
        <ApiTokensAdmin plans={plans.data.map((p) => ({ id: p.id, name: p.name, archived: Boolean(p.archived_at) }))} />
      )}
    </>
  );
}
