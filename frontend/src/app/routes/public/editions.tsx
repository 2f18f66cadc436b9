import { Link } from 'react-router';
import { ErrorAlert, Loading } from '@/components/ui/alert';
import { PageTitle } from '@/components/ui/page-title';
import { usePublicEditions } from '@/features/editions/api/public-editions';
import { formatDateTime } from '@/lib/dates';
import { messages } from '@/lib/messages';
import { editionPath } from '../../paths';

const text = messages.editions;

/** 公表版の一覧 (/public/editions): every published edition, for anyone. */
export function PublicEditionsRoute() {
  const editions = usePublicEditions();
  return (
    <>
      <PageTitle title={text.listTitle}>{text.listTitle}</PageTitle>
      <p>{text.listLead}</p>
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
