import { Link, useParams } from 'react-router';
import { ErrorAlert, Loading } from '@/components/ui/alert';
import { PageTitle } from '@/components/ui/page-title';
import { usePublicEdition } from '@/features/editions/api/public-editions';
import { EditionHeader } from '@/features/editions/components/edition-header';
import { CompiledTableView } from '@/features/table/components/compiled-table';
import { ApiError } from '@/lib/api-error';
import { messages } from '@/lib/messages';
import { editionPath, paths } from '../../paths';

/** 公表版 (/public/editions/:id): a published edition of the table, for anyone, without signing in. */
export function PublicEditionRoute() {
  const id = Number(useParams().id);
  const edition = usePublicEdition(id);
  const text = messages.editions;

  if (edition.isPending) return <Loading />;
  if (edition.isError) {
    return edition.error instanceof ApiError && edition.error.status === 404 ? (
      <>
        <PageTitle title={text.notFound}>{text.notFound}</PageTitle>
        <p>
          <Link to={paths.publicEditions}>{text.listTitle}</Link>
        </p>
      </>
    ) : (
      <ErrorAlert error={edition.error} />
    );
  }
  const { table } = edition.data;
  const title = `${table.title} ${text.number(edition.data.number)}`;
  return (
    <>
      <div className="flex flex-col gap-1">
        <p className="text-std-18N-160 text-solid-gray-700">
          {table.municipality} {table.plan_name}
        </p>
        <PageTitle title={title}>{title}</PageTitle>
      </div>
      <EditionHeader edition={edition.data} editionHref={editionPath} />
      {/* Grades are not public: the table shows the codes of the scale, as the exports do. */}
      <CompiledTableView table={table} grades={[]} showStates={false} />
      <p>
        <Link to={paths.publicEditions}>{text.listTitle}</Link>
      </p>
    </>
  );
}
