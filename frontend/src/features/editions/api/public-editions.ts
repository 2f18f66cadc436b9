import { queryOptions, useQuery } from '@tanstack/react-query';
import { publicApi, unwrap } from '@/lib/api-client';
import { apiQueryKey } from '@/lib/query-keys';

// Published editions are public: read without a session (publicApi), so the page works for anyone with the link.

/** GET /api/v1/public/editions/{id}: an edition with its table, as published. */
export function publicEditionQueryOptions(id: number) {
  const params = { path: { id } };
  return queryOptions({
    queryKey: apiQueryKey('/api/v1/public/editions/{id}', params),
    queryFn: () => unwrap(publicApi.GET('/api/v1/public/editions/{id}', { params })),
  });
}

export function usePublicEdition(id: number) {
  return useQuery(publicEditionQueryOptions(id));
}

/** GET /api/v1/public/editions: the published editions (of one plan when `planId` is given), newest first. */
export function usePublicEditions(planId?: number) {
  const params = { query: planId === undefined ? { per_page: 100 } : { plan_id: planId, per_page: 100 } };
  return useQuery({
    queryKey: apiQueryKey('/api/v1/public/editions', params),
    queryFn: () => unwrap(publicApi.GET('/api/v1/public/editions', { params })),
  });
}

/** The edition's files, readable without signing in, so plain links download them. */
export function editionFileUrl(id: number, file: 'table.xlsx' | 'table.csv' | 'print'): string {
  return `/api/v1/public/editions/${id}/${file}`;
}
