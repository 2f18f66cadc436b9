import { unwrap } from '@/lib/api-client';
import type { Written } from '../utils/edit-session';
import { reportEtag, type ReportDetail } from '../utils/report-fields';

type Result = { data?: ReportDetail; error?: unknown; response: Response };

/**
 * A report call's answer with the version's ETag (the header; built from the version the same way when a proxy
 * dropped it). Failures throw ApiError as usual; a 412's body holds the newer version in `problem.conflict`.
 */
export async function withEtag(call: Promise<Result>): Promise<Written> {
  let etag: string | null = null;
  const report = await unwrap(
    call.then((result) => {
      etag = result.response.headers.get('ETag');
      return result;
    }),
  );
  return { report, etag: etag ?? reportEtag(report) };
}
