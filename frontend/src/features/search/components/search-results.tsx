import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import type { components } from '@/api/schema';
import { ErrorAlert, Loading } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/form-field';
import { Pagination } from '@/components/ui/pagination';
import { formText } from '@/lib/form-data';
import { messages } from '@/lib/messages';
import { SEARCH_PER_PAGE, useSearch } from '../api/search-plan';

type SearchMatch = components['schemas']['SearchMatch'];

const text = messages.search;

/** The snippet with the match marked; positions count characters (code points), as the API does. */
export function Snippet({ match }: { match: SearchMatch }) {
  const chars = Array.from(match.snippet);
  const start = match.highlight_start;
  const end = start + match.highlight_length;
  return (
    <>
      {chars.slice(0, start).join('')}
      <mark className="bg-yellow-200 text-solid-gray-900">{chars.slice(start, end).join('')}</mark>
      {chars.slice(end).join('')}
    </>
  );
}

function matchLabel(match: SearchMatch): string {
  if (match.field === 'progress') return text.progressIn(match.period_label ?? '');
  return text.fields[match.field];
}

/**
 * 検索: the plan's rows whose name, 内容 or reports contain the words, each with where it matched. The words live
 * in the address (?q=), so a search can be shared.
 */
export function SearchResults({
  planId,
  q,
  onSearch,
  reportHref,
  tableHref,
}: {
  planId: number;
  q: string;
  onSearch: (q: string) => void;
  reportHref: (id: number) => string;
  tableHref: (measureId: number) => string;
}) {
  const [page, setPage] = useState(1);
  const search = useSearch(planId, q, page);
  const [tooShort, setTooShort] = useState(false);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const value = formText(new FormData(event.currentTarget), 'q').trim();
    setTooShort([...value].length < 2);
    setPage(1);
    onSearch(value);
  }

  return (
    <div className="flex flex-col gap-6">
      <form role="search" onSubmit={submit} className="flex max-w-2xl flex-wrap items-end gap-3">
        <div className="min-w-64 grow">
          <TextField
            label={text.label}
            name="q"
            type="search"
            defaultValue={q}
            maxLength={100}
            hint={text.hint}
            error={tooShort ? text.tooShort : undefined}
          />
        </div>
        <Button type="submit">{text.submit}</Button>
      </form>
      {search.isError && <ErrorAlert error={search.error} />}
      {search.isFetching && !search.data && <Loading />}
      {search.data && (
        <section aria-labelledby="search-results" className="flex flex-col gap-4">
          <h2 id="search-results" className="text-std-24B-150 text-solid-gray-900">
            {text.results(q.trim(), search.data.total)}
          </h2>
          {search.data.items.length === 0 ? (
            <p>{text.none}</p>
          ) : (
            <ul className="flex flex-col gap-3">
              {search.data.items.map((hit) => (
                <li key={hit.row_id}>
                  <article
                    aria-labelledby={`hit-${hit.row_id}`}
                    className="flex flex-col gap-2 rounded-8 border border-solid-gray-420 p-4"
                  >
                    <p className="text-dns-16N-130 text-solid-gray-700">
                      {hit.measure.heading}
                      {hit.direction && ` ＞ ${hit.direction.label}`}
                    </p>
                    <h3 id={`hit-${hit.row_id}`} className="text-std-20B-150">
                      <Link to={tableHref(hit.measure.id)}>{hit.name}</Link>
                    </h3>
                    <p>{hit.departments_label}</p>
                    <ul className="flex flex-col gap-1">
                      {hit.matches.map((m, i) => (
                        <li key={i} className="text-dns-16N-130">
                          <span className="text-std-16B-170">{matchLabel(m)}：</span>
                          <Snippet match={m} />
                          {m.report_id != null && (
                            <>
                              {' '}
                              <Link to={reportHref(m.report_id)}>{text.openReport}</Link>
                            </>
                          )}
                        </li>
                      ))}
                    </ul>
                  </article>
                </li>
              ))}
            </ul>
          )}
          <Pagination
            page={page}
            pages={Math.max(1, Math.ceil(search.data.total / SEARCH_PER_PAGE))}
            onPage={setPage}
          />
        </section>
      )}
    </div>
  );
}
