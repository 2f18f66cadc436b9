import { useSearchParams } from 'react-router';
import { ErrorAlert, Loading } from '@/components/ui/alert';
import { PageTitle } from '@/components/ui/page-title';
import { useCurrentPlan } from '@/features/plans/api/get-plans';
import { SearchResults } from '@/features/search/components/search-results';
import { messages } from '@/lib/messages';
import { paths, reportPath } from '../../paths';

export function SearchRoute() {
  const plan = useCurrentPlan();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  return (
    <>
      <PageTitle title={messages.search.title}>{messages.search.title}</PageTitle>
      <p>{messages.search.lead}</p>
      {plan.isPending ? (
        <Loading />
      ) : plan.isError ? (
        <ErrorAlert error={plan.error} />
      ) : !plan.data ? (
        <p>{messages.errors.noPlan}</p>
      ) : (
        <SearchResults
          key={plan.data.id}
          planId={plan.data.id}
          q={q}
          onSearch={(value) => setParams(value ? { q: value } : {})}
          reportHref={reportPath}
          tableHref={(measureId) => `${paths.table}?measure=${measureId}`}
        />
      )}
    </>
  );
}
