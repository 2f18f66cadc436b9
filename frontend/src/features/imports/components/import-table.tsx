import { useState, type FormEvent } from 'react';
import type { components } from '@/api/schema';
import { ErrorAlert, StatusNotice } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/form-field';
import { messages } from '@/lib/messages';
import { importContentType, refusedImport, useCommitImport, usePreviewImport } from '../api/import-table';

type ImportProblem = components['schemas']['ImportProblem'];
type TablePreview = components['schemas']['TablePreview'];
type ActionCounts = components['schemas']['ActionCounts'];

const text = messages.imports;
const cell = 'border-b border-solid-gray-420 px-3 py-2 text-left align-top';
const num = `${cell} text-right tabular-nums`;
const SHOWN_CHANGES = 100;

/** The file's problems where Excel shows them: 行 (row), 列 (column letter and header), 内容 (what to fix). */
export function ProblemsTable({ problems }: { problems: ImportProblem[] }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full min-w-[40rem] border-collapse">
        <caption className="text-left text-std-20B-150 text-error-2">{text.problemsCaption(problems.length)}</caption>
        <thead>
          <tr className="bg-solid-gray-50">
            <th scope="col" className={`${cell} w-20`}>
              {text.row}
            </th>
            <th scope="col" className={`${cell} w-48`}>
              {text.column}
            </th>
            <th scope="col" className={cell}>
              {text.problem}
            </th>
          </tr>
        </thead>
        <tbody>
          {problems.map((p, i) => (
            <tr key={i}>
              <td className={`${cell} tabular-nums`}>{p.row ?? text.wholeFile}</td>
              <td className={cell}>
                {p.column
                  ? `${p.column}${p.column_name ? `（${p.column_name}）` : ''}`
                  : (p.column_name ?? text.wholeRow)}
              </td>
              <td className={cell}>{p.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function CountsTable({ counts }: { counts: TablePreview['counts'] }) {
  const rows: [string, ActionCounts][] = [
    [text.kinds.measures, counts.measures],
    [text.kinds.directions, counts.directions],
    [text.kinds.rows, counts.rows],
    [text.kinds.reports, counts.reports],
  ];
  return (
    <table className="w-full max-w-2xl border-collapse">
      <caption className="text-left text-std-17B-170">{text.countsCaption}</caption>
      <thead>
        <tr className="bg-solid-gray-50">
          <th scope="col" className={cell}>
            {text.kind}
          </th>
          <th scope="col" className={cell}>
            {text.actions.create}
          </th>
          <th scope="col" className={cell}>
            {text.actions.update}
          </th>
          <th scope="col" className={cell}>
            {text.actions.unchanged}
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map(([label, c]) => (
          <tr key={label}>
            <th scope="row" className={cell}>
              {label}
            </th>
            <td className={num}>{c.create}</td>
            <td className={num}>{c.update}</td>
            <td className={num}>{c.unchanged}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function PreviewView({ preview }: { preview: TablePreview }) {
  return (
    <div className="flex flex-col gap-4">
      <dl className="grid gap-x-4 gap-y-1 sm:grid-cols-[auto_1fr]">
        <dt className="text-std-16B-170">{text.plan}</dt>
        <dd>{`${preview.plan.municipality} ${preview.plan.name}（${text.actions[preview.plan.action]}）`}</dd>
        <dt className="text-std-16B-170">{text.period}</dt>
        <dd>
          {`${preview.period.label}（${messages.periodStates[preview.period.state]}・${text.actions[preview.period.action]}）`}
          <p className="text-dns-16N-130 text-solid-gray-700">{preview.period.note}</p>
        </dd>
        {preview.departments_created.length > 0 && (
          <>
            <dt className="text-std-16B-170">{text.departmentsCreated}</dt>
            <dd>{preview.departments_created.join('、')}</dd>
          </>
        )}
      </dl>
      <CountsTable counts={preview.counts} />
      {preview.changes.length > 0 && (
        <section aria-labelledby="import-changes" className="flex flex-col gap-2">
          <h3 id="import-changes" className="text-std-17B-170">
            {text.changes(preview.changes.length)}
          </h3>
          <ul className="flex flex-col gap-2">
            {preview.changes.slice(0, SHOWN_CHANGES).map((c, i) => (
              <li key={i} className="rounded-8 border border-solid-gray-420 p-3">
                <p className="text-std-16B-170">
                  {`${text.entities[c.entity]}・${text.actions[c.action]}：${c.label}`}
                  {c.row != null && (
                    <span className="ml-2 text-dns-16N-130 text-solid-gray-700">{text.fileRow(c.row)}</span>
                  )}
                </p>
                <ul className="list-disc pl-6 text-dns-16N-130">
                  {c.fields.map((f) => (
                    <li key={f.field} className="whitespace-pre-wrap">
                      {text.field(f.label || f.field, f.from ?? messages.notEntered, f.to ?? messages.notEntered)}
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
          {preview.changes.length > SHOWN_CHANGES && <p>{text.moreChanges(preview.changes.length - SHOWN_CHANGES)}</p>}
        </section>
      )}
      {preview.rows_not_in_file.length > 0 && (
        <section aria-labelledby="import-missing" className="flex flex-col gap-2">
          <h3 id="import-missing" className="text-std-17B-170">
            {text.notInFile}
          </h3>
          <ul className="list-disc pl-6">
            {preview.rows_not_in_file.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}

/** 取込: read an Excel or CSV file of the table, show what it would change and what is wrong, then write it. */
export function ImportTable({ planId }: { planId: number | null }) {
  const [file, setFile] = useState<File | null>(null);
  const [typeError, setTypeError] = useState<string | undefined>();
  const preview = usePreviewImport();
  const commit = useCommitImport();
  const refused = refusedImport(commit.error);
  const report = preview.data;

  function check(event: FormEvent) {
    event.preventDefault();
    commit.reset();
    if (!file) {
      setTypeError(text.chooseFile);
      return;
    }
    if (!importContentType(file.name)) {
      setTypeError(text.wrongType);
      return;
    }
    preview.mutate({ file, planId });
  }

  function write() {
    if (!file || !window.confirm(text.commitConfirm(file.name))) return;
    commit.mutate({ file, planId });
  }

  return (
    <div>
      <StatusNotice>{commit.isSuccess && text.committed(file?.name ?? '')}</StatusNotice>
      <div className="flex flex-col gap-8">
        <form onSubmit={check} aria-label={text.formLabel} className="flex max-w-2xl flex-col gap-4">
          <TextField
            label={text.file}
            hint={text.fileHint}
            type="file"
            name="file"
            accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
            error={typeError}
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              setTypeError(undefined);
              preview.reset();
              commit.reset();
            }}
          />
          <div>
            <Button type="submit" variant="secondary" disabled={preview.isPending}>
              {preview.isPending ? text.checking : text.check}
            </Button>
          </div>
        </form>
        {preview.isError && <ErrorAlert error={preview.error} />}
        {report && !commit.isSuccess && (
          <section aria-labelledby="import-preview" className="flex flex-col gap-6">
            <h2 id="import-preview" className="text-std-24B-150 text-solid-gray-900">
              {text.previewTitle}
            </h2>
            <p className={`text-std-17B-170 ${report.ok ? 'text-success-2' : 'text-error-2'}`}>
              {report.ok ? text.ok : text.notOk}
            </p>
            {report.problems.length > 0 && <ProblemsTable problems={report.problems} />}
            {report.preview && <PreviewView preview={report.preview} />}
            <div>
              <Button onClick={write} disabled={!report.ok || commit.isPending}>
                {commit.isPending ? messages.saving : text.commit}
              </Button>
            </div>
          </section>
        )}
        {refused ? (
          <div className="flex flex-col gap-4">
            <ErrorAlert error={commit.error} />
            <ProblemsTable problems={refused.problems ?? []} />
          </div>
        ) : (
          commit.isError && <ErrorAlert error={commit.error} />
        )}
        {commit.isSuccess && commit.data.preview && <PreviewView preview={commit.data.preview} />}
      </div>
    </div>
  );
}
