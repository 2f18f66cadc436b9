import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { ErrorAlert, StatusNotice } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { ReportStateBadge } from '@/components/report-state-badge';
import { formatDateTime } from '@/lib/dates';
import { messages } from '@/lib/messages';
import { runReportAction, type ReportAction } from '../api/report-actions';
import { useEditSession } from '../hooks/use-edit-session';
import type { EditSession, EditState } from '../utils/edit-session';
import { allows, readOnlyMessage } from '../utils/read-only';
import { fieldsOf, type EvaluationGrade, type ReportDetail } from '../utils/report-fields';
import { ReportFieldsForm } from './report-fields-form';
import { ReportFieldsView } from './report-fields-view';
import { SaveStatusLine } from './save-status-line';

const text = messages.reportEditor;

export type ReportEditorProps = {
  /** The report with what the signed-in user may do with it (the server decides). */
  report: ReportDetail;
  etag: string;
  grades: EvaluationGrade[];
  /** Where the row sits: 「基本施策4 自殺未遂者への支援の充実 ＞ ①…」. */
  place?: string;
  /** The same 事業 under other measures, as the table names them. */
  related?: string[];
};

function Panel({ title, children, tone = 'plain' }: { title: string; children: ReactNode; tone?: 'plain' | 'theirs' }) {
  const id = useId();
  return (
    <section
      aria-labelledby={id}
      className={`flex flex-col gap-4 rounded-8 border p-4 ${
        tone === 'theirs' ? 'border-2 border-yellow-1000 bg-yellow-50' : 'border-solid-gray-420 bg-solid-gray-50'
      }`}
    >
      <h2 id={id} className="text-std-20B-150 text-solid-gray-900">
        {title}
      </h2>
      {children}
    </section>
  );
}

function RowFacts({ report, place, related }: Pick<ReportEditorProps, 'report' | 'place' | 'related'>) {
  return (
    <dl className="grid gap-x-4 gap-y-1 sm:grid-cols-[auto_1fr]">
      {place && (
        <>
          <dt className="text-std-16B-170">{text.place}</dt>
          <dd>{place}</dd>
        </>
      )}
      <dt className="text-std-16B-170">{text.departments}</dt>
      <dd>{report.row.departments.map((d) => d.name).join('／')}</dd>
      <dt className="text-std-16B-170">{text.content}</dt>
      <dd className="whitespace-pre-wrap">{report.row.content}</dd>
      <dt className="text-std-16B-170">{text.state}</dt>
      <dd className="flex flex-wrap items-center gap-2">
        <ReportStateBadge state={report.state} />
        {report.submitted_late && <span className="text-error-2">{text.late}</span>}
        {report.updated_by && (
          <span className="text-dns-16N-130 text-solid-gray-700">
            {text.lastSaved(report.updated_by.display_name, formatDateTime(report.updated_at))}
          </span>
        )}
      </dd>
      {related && related.length > 0 && (
        <>
          <dt className="text-std-16B-170">{messages.home.related}</dt>
          <dd>
            <p className="text-dns-16N-130">{messages.home.relatedLead}</p>
            <ul className="list-disc pl-6">
              {related.map((r) => (
                <li key={r}>{r}</li>
              ))}
            </ul>
          </dd>
        </>
      )}
    </dl>
  );
}

/** 差戻し: the secretariat's comment, first thing on the page, until the report is submitted again. */
function ReturnComment({ comment }: { comment: string }) {
  return (
    <section aria-labelledby="return-comment" className="rounded-8 border-4 border-error-1 bg-red-50 p-4">
      <h2 id="return-comment" className="text-std-20B-150 text-error-2">
        {text.returnComment}
      </h2>
      <p className="mt-2 text-std-18N-160 whitespace-pre-wrap">{comment}</p>
    </section>
  );
}

function ConflictBanner({ state, session }: { state: EditState; session: EditSession }) {
  const conflict = state.conflict!;
  const headingRef = useRef<HTMLHeadingElement>(null);
  // The conflict interrupts the user's work: take them to it, so that keyboard and screen-reader users meet it.
  useEffect(() => headingRef.current?.focus(), [conflict.etag]);

  function takeTheirs() {
    if (window.confirm(text.conflict.takeTheirsConfirm)) session.takeTheirs();
  }

  return (
    <section
      aria-labelledby="conflict-title"
      className="flex flex-col gap-3 rounded-8 border-4 border-yellow-1000 bg-yellow-50 p-4"
    >
      <h2
        id="conflict-title"
        ref={headingRef}
        tabIndex={-1}
        className="text-std-22B-150 text-solid-gray-900 focus:outline-none"
      >
        {text.conflict.title}
      </h2>
      <p>{text.conflict.lead(conflict.changedBy ?? text.conflict.someone, formatDateTime(conflict.changedAt))}</p>
      <div className="flex flex-wrap gap-3">
        <Button onClick={() => void session.overwrite()} disabled={state.status.kind === 'saving'}>
          {text.conflict.keepMine}
        </Button>
        <Button variant="secondary" onClick={takeTheirs} disabled={state.status.kind === 'saving'}>
          {text.conflict.takeTheirs}
        </Button>
      </div>
    </section>
  );
}

function SubmitConfirm({ onConfirm, onCancel, busy }: { onConfirm: () => void; onCancel: () => void; busy: boolean }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <div
      ref={ref}
      tabIndex={-1}
      role="group"
      aria-labelledby="submit-confirm"
      className="flex flex-col gap-3 rounded-8 border-2 border-blue-900 bg-blue-50 p-4 focus:outline-none"
    >
      <p id="submit-confirm" className="text-std-17B-170">
        {text.submitConfirm}
      </p>
      <div className="flex flex-wrap gap-3">
        <Button onClick={onConfirm} disabled={busy}>
          {text.submitYes}
        </Button>
        <Button variant="secondary" onClick={onCancel} disabled={busy}>
          {messages.cancel}
        </Button>
      </div>
    </div>
  );
}

/**
 * The report editor: last period's approved report beside this period's form (side by side on wide screens,
 * stacked on narrow ones), autosave, the workflow buttons, and when someone else saved first, both versions
 * side by side until the user chooses.
 */
export function ReportEditor({ report: initial, etag, grades, place, related }: ReportEditorProps) {
  const [state, session] = useEditSession({ report: initial, etag });
  const { report, values, conflict } = state;
  const readOnly = readOnlyMessage(report);
  const [confirmingSubmit, setConfirmingSubmit] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [actionError, setActionError] = useState<unknown>(null);
  const [stranded, setStranded] = useState(() => session.strandedDraft());

  async function perform(action: ReportAction, done: string) {
    setNotice(null);
    setActionError(null);
    const result = await session.perform((tag) => runReportAction(report.id, tag, action));
    if (result.ok) setNotice(done);
    else if (!session.getState().conflict) setActionError(result.error);
  }

  function copyPrevious() {
    if (values.progress.trim() && !window.confirm(text.copyConfirm)) return;
    void perform('copy-previous', text.copied);
  }

  function noChange() {
    if (!window.confirm(text.noChangeConfirm)) return;
    void perform('no-change', text.noChanged);
  }

  async function submit() {
    await perform('submit', text.submitted);
    setConfirmingSubmit(false);
  }

  async function save() {
    setNotice(null);
    await session.flush();
  }

  const editable = allows(report, 'save');
  const previous = report.previous;
  const previousPanel = (
    <Panel title={previous ? text.previousTitle(previous.period_label) : text.previousNone}>
      {previous ? (
        <>
          <ReportFieldsView fields={previous} grades={grades} />
          {editable && !conflict && (
            <div className="flex flex-wrap gap-3">
              {allows(report, 'copy_previous') && (
                <Button variant="secondary" onClick={copyPrevious} disabled={state.busy}>
                  {text.copyPrevious}
                </Button>
              )}
              {allows(report, 'no_change') && (
                <Button variant="secondary" onClick={noChange} disabled={state.busy}>
                  {text.noChange}
                </Button>
              )}
            </div>
          )}
        </>
      ) : (
        <p>{text.previousEmpty}</p>
      )}
    </Panel>
  );

  return (
    <div className="flex flex-col gap-6">
      <StatusNotice>{notice}</StatusNotice>
      <RowFacts report={report} place={place} related={related} />
      {report.state === 'returned' && report.return_comment && <ReturnComment comment={report.return_comment} />}
      {readOnly && (
        <p className="rounded-8 border-2 border-solid-gray-600 bg-solid-gray-50 px-4 py-3 text-std-17B-170">
          {readOnly}
        </p>
      )}
      {stranded && (
        <section
          aria-labelledby="stranded"
          className="flex flex-col gap-2 rounded-8 border-2 border-yellow-1000 bg-yellow-50 p-4"
        >
          <h2 id="stranded" className="text-std-18B-160">
            {text.stranded}
          </h2>
          <p className="whitespace-pre-wrap">{stranded.values.progress || messages.notEntered}</p>
          <div>
            <Button
              variant="secondary"
              size="sm"
              onClick={() => {
                session.discardStrandedDraft();
                setStranded(null);
              }}
            >
              {text.discardStranded}
            </Button>
          </div>
        </section>
      )}
      {state.restored && !conflict && editable && (
        <p className="rounded-8 border-2 border-blue-900 bg-blue-50 px-4 py-3">{text.restored}</p>
      )}
      {conflict && <ConflictBanner state={state} session={session} />}
      {actionError !== null && <ErrorAlert error={actionError} />}

      <div className="grid items-start gap-6 lg:grid-cols-2">
        {conflict ? (
          <Panel
            tone="theirs"
            title={text.conflict.theirsTitle(
              conflict.changedBy ?? text.conflict.someone,
              formatDateTime(conflict.changedAt),
            )}
          >
            {conflict.theirs.state !== report.state && (
              <p>
                <ReportStateBadge state={conflict.theirs.state} />
              </p>
            )}
            <ReportFieldsView fields={fieldsOf(conflict.theirs)} grades={grades} />
          </Panel>
        ) : (
          previousPanel
        )}

        <section
          aria-labelledby="current-report"
          className="flex flex-col gap-4 rounded-8 border-2 border-blue-900 p-4"
        >
          <h2 id="current-report" className="text-std-20B-150 text-solid-gray-900">
            {conflict ? text.mineTitle : text.currentTitle}
          </h2>
          {editable ? (
            <form
              aria-labelledby="current-report"
              className="flex flex-col gap-4"
              onSubmit={(event) => {
                event.preventDefault();
                void save();
              }}
            >
              <ReportFieldsForm
                values={values}
                grades={grades}
                disabled={state.busy}
                onChange={(patch) => session.edit(patch)}
                onBlur={() => void session.flush()}
                onCompositionStart={(field) => session.compositionStart(field)}
                onCompositionEnd={(field, patch) => session.compositionEnd(field, patch)}
              />
              <SaveStatusLine state={state} />
              {!conflict && (
                <div className="flex flex-wrap gap-3">
                  <Button type="submit" variant="secondary" disabled={state.busy || state.status.kind === 'saving'}>
                    {messages.save}
                  </Button>
                  {allows(report, 'submit') && (
                    <Button
                      onClick={() => setConfirmingSubmit(true)}
                      disabled={state.busy || confirmingSubmit}
                      aria-expanded={confirmingSubmit}
                    >
                      {text.submit}
                    </Button>
                  )}
                </div>
              )}
              {confirmingSubmit && !conflict && (
                <SubmitConfirm
                  busy={state.busy}
                  onConfirm={() => void submit()}
                  onCancel={() => setConfirmingSubmit(false)}
                />
              )}
            </form>
          ) : (
            <ReportFieldsView fields={values} grades={grades} />
          )}
        </section>
      </div>

      {conflict && (
        <details className="rounded-8 border border-solid-gray-420 p-4">
          <summary className="cursor-pointer text-std-17B-170">{text.showPrevious}</summary>
          <div className="mt-4">{previousPanel}</div>
        </details>
      )}
    </div>
  );
}
