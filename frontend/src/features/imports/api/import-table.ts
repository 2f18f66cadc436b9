import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { components } from '@/api/schema';
import { api, unwrap } from '@/lib/api-client';
import { ApiError } from '@/lib/api-error';

type ImportReport = components['schemas']['ImportReport'];
type ImportProblemReport = components['schemas']['ImportProblemReport'];

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The content type the API expects for a file, by its name; null for anything but .xlsx and .csv. */
export function importContentType(fileName: string): string | null {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.xlsx')) return XLSX_TYPE;
  if (lower.endsWith('.csv')) return 'text/csv';
  return null;
}

/** `planId` null: an Excel file names its plan itself (and creates it on an empty system). */
type ImportRequest = { file: File; planId: number | null };

// The file is the request body as it is (not a form), with its own content type.
function send(path: '/api/v1/imports/preview' | '/api/v1/imports/commit', { file, planId }: ImportRequest) {
  const type = importContentType(file.name) ?? file.type;
  return unwrap(
    api.POST(path, {
      params: { query: { plan_id: planId ?? undefined } },
      body: file,
      bodySerializer: (body: unknown) => body as BodyInit,
      headers: { 'Content-Type': type },
    }),
  );
}

/** POST /api/v1/imports/preview: what the file would change, and every problem in it. Writes nothing. */
export function usePreviewImport() {
  return useMutation({
    mutationFn: (request: ImportRequest): Promise<ImportReport> => send('/api/v1/imports/preview', request),
  });
}

/** POST /api/v1/imports/commit: writes the file in one transaction, or nothing (422 with the problems). */
export function useCommitImport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: ImportRequest): Promise<ImportReport> => send('/api/v1/imports/commit', request),
    onSuccess: () => queryClient.invalidateQueries(),
  });
}

/** The file's problems from a refused commit (422 import_refused), if that is what the error is. */
export function refusedImport(error: unknown): ImportProblemReport | null {
  if (!(error instanceof ApiError) || error.status !== 422) return null;
  const body = error.problem as unknown as Partial<ImportProblemReport> | null;
  return body && Array.isArray(body.problems) ? (body as ImportProblemReport) : null;
}
