import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { apiQueryKey } from '@/lib/query-keys';
import type { Written } from '../utils/edit-session';
import { reportQueryOptions } from './get-report';
import { withEtag } from './with-etag';

/** The workflow writes without a body; each names the version it acts on in If-Match. */
export type ReportAction = 'copy-previous' | 'no-change' | 'submit' | 'approve' | 'reopen';

/** POST /api/v1/reports/{id}/copy-previous | no-change | submit | approve | reopen */
export function runReportAction(id: number, etag: string, action: ReportAction): Promise<Written> {
  const params = { params: { path: { id }, header: { 'If-Match': etag } } };
  switch (action) {
    case 'copy-previous':
      return withEtag(api.POST('/api/v1/reports/{id}/copy-previous', params));
    case 'no-change':
      return withEtag(api.POST('/api/v1/reports/{id}/no-change', params));
    case 'submit':
      return withEtag(api.POST('/api/v1/reports/{id}/submit', params));
    case 'approve':
      return withEtag(api.POST('/api/v1/reports/{id}/approve', params));
    case 'reopen':
      return withEtag(api.POST('/api/v1/reports/{id}/reopen', params));
  }
}

/** POST /api/v1/reports/{id}/return: 差戻し with the secretariat's comment (required). */
export function returnReport(id: number, etag: string, comment: string): Promise<Written> {
  return withEtag(
    api.POST('/api/v1/reports/{id}/return', {
      params: { path: { id }, header: { 'If-Match': etag } },
      body: { comment },
    }),
  );
}

/** Puts a confirmed version into the cache and marks every list of reports (and what is built from them) stale. */
export function useReportWritten() {
  const queryClient = useQueryClient();
  return (written: Written) => {
    const report = { path: { id: written.report.id } };
    queryClient.setQueryData(reportQueryOptions(written.report.id).queryKey, written);
    void queryClient.invalidateQueries({ queryKey: apiQueryKey('/api/v1/periods/{id}/reports') });
    void queryClient.invalidateQueries({ queryKey: apiQueryKey('/api/v1/me/open-reports') });
    void queryClient.invalidateQueries({ queryKey: apiQueryKey('/api/v1/reports/{id}/versions', report) });
    void queryClient.invalidateQueries({ queryKey: apiQueryKey('/api/v1/reports/{id}/diff', report) });
    // 事業の報告の推移 shows the row's report of every period.
    void queryClient.invalidateQueries({
      queryKey: apiQueryKey('/api/v1/rows/{id}/reports', { path: { id: written.report.row.id } }),
    });
    // The compiled table, the dashboard and the reminders are built from the reports.
    void queryClient.invalidateQueries({ queryKey: apiQueryKey('/api/v1/periods/{id}/table') });
    void queryClient.invalidateQueries({ queryKey: apiQueryKey('/api/v1/periods/{id}/dashboard') });
    void queryClient.invalidateQueries({ queryKey: apiQueryKey('/api/v1/periods/{id}/reminders') });
  };
}

type Review =
  { id: number; etag: string; decision: 'approve' } | { id: number; etag: string; decision: 'return'; comment: string };

/** 承認 or 差戻し from the review queue. */
export function useReviewReport() {
  const written = useReportWritten();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (review: Review) =>
      review.decision === 'approve'
        ? runReportAction(review.id, review.etag, 'approve')
        : returnReport(review.id, review.etag, review.comment),
    onSuccess: written,
    // Someone changed the report meanwhile (412) or it is no longer 提出済 (409): show the list as it is now.
    onError: () => queryClient.invalidateQueries({ queryKey: apiQueryKey('/api/v1/periods/{id}/reports') }),
  });
}
