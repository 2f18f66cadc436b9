// Query keys come from the API operation they cache, as openapi-react-query builds them: ['get', path, params].
// A feature's queryOptions and every invalidation name the same path of the generated schema, so keys cannot
// drift from the client, and a feature refreshes another feature's data without knowing that feature's keys.

import type { paths } from '@/api/schema';

/** The API paths that answer GET. */
export type GetPath = {
  [P in keyof paths]: paths[P] extends { get: { parameters: unknown } } ? P : never;
}[keyof paths];

type GetParameter<P extends GetPath, In extends 'path' | 'query'> = paths[P] extends {
  get: { parameters: { [K in In]?: infer Parameter } };
}
  ? NonNullable<Parameter>
  : never;

/**
 * A GET's path and query parameters, named as the API (and openapi-fetch's `params`) names them. Any of them may be
 * left out: a key with fewer parameters is a prefix of the keys with more (TanStack Query matches keys partially),
 * so `apiQueryKey(path)` covers every query of that operation.
 */
export type ApiQueryParams<P extends GetPath> = {
  path?: Partial<GetParameter<P, 'path'>>;
  query?: Partial<GetParameter<P, 'query'>>;
};

export type ApiQueryKey<P extends GetPath> = readonly ['get', P] | readonly ['get', P, ApiQueryParams<P>];

/**
 * The query key of `GET path` with these parameters: `apiQueryKey('/api/v1/periods/{id}/table', { path: { id } })`
 * in queryOptions, `apiQueryKey('/api/v1/periods/{id}/table')` to invalidate the table of every period.
 */
export function apiQueryKey<P extends GetPath>(path: P, params?: ApiQueryParams<P>): ApiQueryKey<P> {
  return params === undefined ? ['get', path] : ['get', path, params];
}
