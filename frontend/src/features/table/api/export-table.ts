import { useMutation } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { fetchFile, printHtml, saveFile } from '@/lib/download';
import type { TableQuery } from './get-period-table';

export type TableExport = 'xlsx' | 'csv' | 'print';

/**
 * GET /api/v1/periods/{id}/table.xlsx | table.csv | table/print with the table's filters, fetched with the
 * session's token: Excel and CSV are saved under the name the server gives, the print page is printed.
 */
export async function exportTable({
  periodId,
  format,
  query,
}: {
  periodId: number;
  format: TableExport;
  query: TableQuery;
}) {
  const params = { path: { id: periodId }, query };
  switch (format) {
    case 'xlsx': {
      const file = await fetchFile(
        api.GET('/api/v1/periods/{id}/table.xlsx', { params, parseAs: 'blob' }),
        `table-${periodId}.xlsx`,
      );
      saveFile(file);
      return file;
    }
    case 'csv': {
      const file = await fetchFile(
        api.GET('/api/v1/periods/{id}/table.csv', { params, parseAs: 'blob' }),
        `table-${periodId}.csv`,
      );
      saveFile(file);
      return file;
    }
    case 'print': {
      const file = await fetchFile(
        api.GET('/api/v1/periods/{id}/table/print', { params, parseAs: 'blob' }),
        `table-${periodId}.html`,
      );
      await printHtml(file.blob);
      return file;
    }
  }
}

export function useExportTable() {
  return useMutation({ mutationFn: exportTable });
}
