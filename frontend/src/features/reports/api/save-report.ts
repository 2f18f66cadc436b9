import { api } from '@/lib/api-client';
import type { ReportFields } from '../utils/report-fields';
import { withEtag } from './with-etag';

/** PUT /api/v1/reports/{id} on the version `etag` names; 412 (with the newer version) when someone saved first. */
export function saveReport(id: number, etag: string, body: ReportFields) {
  return withEtag(api.PUT('/api/v1/reports/{id}', { params: { path: { id }, header: { 'If-Match': etag } }, body }));
}
