import type { components } from '@/api/schema';
import { formatDateTime } from '@/lib/dates';
import { messages } from '@/lib/messages';
import { editionFileUrl } from '../api/public-editions';

type EditionSummary = components['schemas']['EditionSummary'];

const text = messages.editions;

/**
 * What a reader of a published edition needs before the table: which edition, when, why (a correction's
 * reason), whether a newer one replaced it, the files, and the fingerprint that proves the text unchanged.
 */
export function EditionHeader({
  edition,
  editionHref,
}: {
  edition: EditionSummary;
  editionHref: (id: number) => string;
}) {
  const superseded = edition.current_edition_id !== edition.id;
  return (
    <div className="flex flex-col gap-4">
      {superseded && (
        <p className="rounded-8 border-4 border-yellow-1000 bg-yellow-50 px-4 py-3 text-std-17B-170">
          {text.superseded} <a href={editionHref(edition.current_edition_id)}>{text.toCurrent}</a>
        </p>
      )}
      <dl className="grid gap-x-4 gap-y-1 sm:grid-cols-[auto_1fr]">
        <dt className="text-std-16B-170">{text.edition}</dt>
        <dd>{text.number(edition.number)}</dd>
        <dt className="text-std-16B-170">{text.publishedAt}</dt>
        <dd>{formatDateTime(edition.published_at)}</dd>
        {edition.note && (
          <>
            <dt className="text-std-16B-170">{text.note}</dt>
            <dd className="whitespace-pre-wrap">{edition.note}</dd>
          </>
        )}
        <dt className="text-std-16B-170">{text.sha256}</dt>
        <dd className="font-mono text-mono-14N-150 break-all">{edition.sha256}</dd>
      </dl>
      <ul aria-label={text.files} className="flex flex-wrap gap-4">
        <li>
          <a href={editionFileUrl(edition.id, 'table.xlsx')} download>
            {text.xlsx}
          </a>
        </li>
        <li>
          <a href={editionFileUrl(edition.id, 'table.csv')} download>
            {text.csv}
          </a>
        </li>
        <li>
          <a href={editionFileUrl(edition.id, 'print')} target="_blank" rel="noopener">
            {text.print}
          </a>
        </li>
      </ul>
    </div>
  );
}
