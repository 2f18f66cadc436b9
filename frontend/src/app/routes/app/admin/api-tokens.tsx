import { PageTitle } from '@/components/ui/page-title';
import { ApiTokensAdmin } from '@/features/api-tokens/components/api-tokens-admin';
import { messages } from '@/lib/messages';

export function ApiTokensRoute() {
  return (
    <>
      <PageTitle title={messages.apiTokens.title}>{messages.apiTokens.title}</PageTitle>
      <p>{messages.apiTokens.lead}</p>
      <ApiTokensAdmin />
    </>
  );
}
