import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';

export const AUDIT_PER_PAGE = 30;

export type AuditFilter = { entity?: string; entity_id?: string; actor_id?: number };

/** GET /api/v1/audit-log: recorded changes, newest first. */
export function auditLogQueryOptions(filter: AuditFilter, page: number) {
  return queryOptions({
    queryKey: ['audit-log', filter, page],
    queryFn: () =>
      unwrap(api.GET('/api/v1/audit-log', { params: { query: { ...filter, page, per_page: AUDIT_PER_PAGE } } })),
  });
}

export function useAuditLog(filter: AuditFilter, page: number) {
  return useQuery({ ...auditLogQueryOptions(filter, page), placeholderData: keepPreviousData });
}
