import { Link, useSearchParams } from 'react-router';
import { ErrorAlert, Loading } from '@/components/ui/alert';
import { PageTitle } from '@/components/ui/page-title';
import { SelectField } from '@/components/ui/form-field';
import { usePublicEditions } from '@/features/editions/api/public-editions';
import { editionPlans } from '@/features/editions/utils/edition-plans';
import { formatDateTime } from '@/lib/dates';
import { messages } from '@/lib/messages';
import { editionPath } from '../../paths';

const text = messages.editions;

/** The plan filter's value in the address (?plan=2), or undefined for every plan. */
function usePlanParam(): [number | undefined, (id: number | undefined) => void] {
  const [params, setParams] = useSearchParams();
  const value = Number(params.get('plan'));
  const planId = Number.isInteger(value) && value > 0 ? value : undefined;
  return [planId, (id) => setParams(id === undefined ? {} : { plan: String(id) }, { replace: true })];
}

/**
 * 公表版の一覧 (/public/editions): every published edition, for anyone; with editions of several plans, a choice of
 * plan (the plans named by the editions themselves: these pages have no session to ask for the plans).
 */
export function PublicEditionsRoute() {
  const [planId, setPlanId] = usePlanParam();
  const all = usePublicEditions();
  const editions = usePublicEditions(planId);
  const plans = all.data ? editionPlans(all.data.items) : [];
  return (
    <>
      <PageTitle title={text.listTitle}>{text.listTitle}</PageTitle>
      <p>{text.listLead}</p>
      {(plans.length > 1 || planId !== undefined) && (
        <div className="max-w-xl">
          <SelectField
            label={messages.editionPlans.label}
            value={planId ?? ''}
            onChange={(event) => setPlanId(event.target.value ? Number(event.target.value) : undefined)}
          >
            <option value="">{messages.editionPlans.all}</option>
            {plans.map((p) => (
              <option key={p.id} value={p.id}>
                {p.label}
              </option>
            ))}
          </SelectField>
        </div>
      )}
      {editions.isPending ? (
        <Loading />
      ) : editions.isError ? (
        <ErrorAlert error={editions.error} />
      ) : editions.data.items.length === 0 ? (
        <p>{text.empty}</p>
      ) : (
        <ul className="flex flex-col gap-3">
          {editions.data.items.map((e) => (
            <li key={e.id} className="rounded-8 border border-solid-gray-420 p-4">
              <p className="text-std-18B-160">
                <Link
                  to={editionPath(e.id)}
                >{`${e.municipality} ${e.plan_name} ${text.open(e.period_label, e.number)}`}</Link>
                {e.current_edition_id === e.id && (
                  <span className="ml-2 text-dns-16N-130">{`（${text.current}）`}</span>
                )}
              </p>
              <p className="text-dns-16N-130 text-solid-gray-700">
                {text.publishedAt} {formatDateTime(e.published_at)}
              </p>
              {e.note && <p className="whitespace-pre-wrap">{e.note}</p>}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
