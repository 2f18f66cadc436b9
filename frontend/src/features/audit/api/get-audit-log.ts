import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { operations } from '@/api/schema';
import { api, unwrap } from '@/lib/api-client';
import { apiQueryKey } from '@/lib/query-keys';

export const AUDIT_PER_PAGE = 30;

/** The log's filters: the query parameters of GET /audit-log other than the page. */
export type AuditFilter = Omit<NonNullable<operations['list_audit_log']['parameters']['query']>, 'page' | 'per_page'>;

/** GET /api/v1/audit-log: recorded changes, newest first. */
export function auditLogQueryOptions(filter: AuditFilter, page: number) {
  const params = { query: { ...filter, page, per_page: AUDIT_PER_PAGE } };
  return queryOptions({
    queryKey: apiQueryKey('/api/v1/audit-log', params),
    queryFn: () => unwrap(api.GET('/api/v1/audit-log', { params })),
  });
}

export function useAuditLog(filter: AuditFilter, page: number) {
  return useQuery({ ...auditLogQueryOptions(filter, page), placeholderData: keepPreviousData });
}
