import { useState } from 'react';
import { ErrorAlert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { messages } from '@/lib/messages';
import { useExportTable, type TableExport } from '../api/export-table';
import type { TableQuery } from '../api/get-period-table';

const text = messages.table.exports;
const FORMATS: TableExport[] = ['xlsx', 'csv', 'print'];

/** Excel, CSV and 印刷 of the table as it is filtered (and compared) on screen. */
export function TableExports({ periodId, query }: { periodId: number; query: TableQuery }) {
  const exportTable = useExportTable();
  const [done, setDone] = useState<string | null>(null);

  function run(format: TableExport) {
    setDone(null);
    exportTable.mutate(
      { periodId, format, query },
      { onSuccess: (file) => setDone(format === 'print' ? text.printed : text.downloaded(file.filename)) },
    );
  }

  return (
    <section aria-labelledby="table-exports" className="flex flex-col gap-2">
      <h2 id="table-exports" className="text-std-17B-170">
        {text.title}
      </h2>
      <div className="flex flex-wrap gap-3">
        {FORMATS.map((format) => (
          <Button
            key={format}
            variant="secondary"
            size="sm"
            disabled={exportTable.isPending}
            onClick={() => run(format)}
          >
            {text.buttons[format]}
          </Button>
        ))}
      </div>
      <p role="status" className="text-solid-gray-700">
        {exportTable.isPending ? text.preparing : done}
      </p>
      {exportTable.isError && <ErrorAlert error={exportTable.error} />}
    </section>
  );
}
