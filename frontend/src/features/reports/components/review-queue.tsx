import { useId, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { ErrorAlert, Loading, StatusNotice } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { TextAreaField } from '@/components/ui/form-field';
import { ApiError } from '@/lib/api-error';
import { formatDateTime } from '@/lib/dates';
import { messages } from '@/lib/messages';
import { usePeriodReports } from '../api/get-period-reports';
import { useReviewReport } from '../api/report-actions';
import { reportEtag, type EvaluationGrade, type ReportView } from '../utils/report-fields';
import type { RowInfo } from './department-reports';
import { ReportDiff } from './report-diff';
import { ReportFieldsView } from './report-fields-view';

const text = messages.review;

function ReviewItem({
  report,
  info,
  grades,
  reportHref,
  onDone,
}: {
  report: ReportView;
  info: RowInfo | undefined;
  grades: EvaluationGrade[];
  reportHref: (id: number) => string;
  onDone: (message: string) => void;
}) {
  const review = useReviewReport();
  const [returning, setReturning] = useState(false);
  const [comment, setComment] = useState('');
  const [missing, setMissing] = useState(false);
  const titleId = useId();
  const name = report.row.name;

  function approve() {
    review.mutate(
      { id: report.id, etag: reportEtag(report), decision: 'approve' },
      { onSuccess: () => onDone(text.approved(name)) },
    );
  }

  function sendBack(event: FormEvent) {
    event.preventDefault();
    if (!comment.trim()) {
      setMissing(true);
      return;
    }
    review.mutate(
      { id: report.id, etag: reportEtag(report), decision: 'return', comment: comment.trim() },
      { onSuccess: () => onDone(text.returned(name)) },
    );
  }

  const stale = review.error instanceof ApiError && review.error.status === 412;
  return (
    <li>
      <article aria-labelledby={titleId} className="flex flex-col gap-4 rounded-8 border border-solid-gray-420 p-4">
        {info && <p className="text-dns-16N-130 text-solid-gray-700">{info.place}</p>}
        <h3 id={titleId} className="text-std-20B-150 text-solid-gray-900">
          <Link to={reportHref(report.id)}>{name}</Link>
        </h3>
        <dl className="grid gap-x-4 gap-y-1 sm:grid-cols-[auto_1fr]">
          <dt className="text-std-16B-170">{messages.home.departments}</dt>
          <dd>{report.row.departments.map((d) => d.name).join('／')}</dd>
          <dt className="text-std-16B-170">{text.submittedAt}</dt>
          <dd>
            {report.submitted_at ? formatDateTime(report.submitted_at) : messages.notEntered}
            {report.submitted_late && <span className="ml-2 text-error-2">{text.late}</span>}
            {report.updated_by && <span className="ml-2">{text.by(report.updated_by.display_name)}</span>}
          </dd>
        </dl>
        <div className="grid items-start gap-4 lg:grid-cols-2">
          <section aria-label={text.submitted(name)} className="flex flex-col gap-2">
            <h4 className="text-std-17B-170">{text.submittedContent}</h4>
            <ReportFieldsView fields={report} grades={grades} />
          </section>
          <section aria-label={text.changes(name)} className="flex flex-col gap-2">
            <h4 className="text-std-17B-170">{text.changesTitle}</h4>
            <ReportDiff reportId={report.id} current={report.version} grades={grades} />
          </section>
        </div>
        {report.previous && (
          <details className="rounded-8 border border-solid-gray-420 p-3">
            <summary className="cursor-pointer text-std-16B-170">
              {messages.reportEditor.previousTitle(report.previous.period_label)}
            </summary>
            <div className="mt-3">
              <ReportFieldsView fields={report.previous} grades={grades} />
            </div>
          </details>
        )}
        {review.isError && <ErrorAlert error={stale ? new ApiError(412, null, text.stale) : review.error} />}
        <div className="flex flex-wrap gap-3">
          <Button onClick={approve} disabled={review.isPending}>
            {text.approve}
            <span className="sr-only">{`（${name}）`}</span>
          </Button>
          <Button
            variant="secondary"
            onClick={() => setReturning(!returning)}
            aria-expanded={returning}
            disabled={review.isPending}
          >
            {text.return}
            <span className="sr-only">{`（${name}）`}</span>
          </Button>
        </div>
        {returning && (
          <form
            onSubmit={sendBack}
            aria-label={text.returnForm(name)}
            className="flex flex-col gap-3 rounded-8 bg-red-50 p-4"
          >
            <TextAreaField
              label={text.comment}
              hint={text.commentHint}
              required
              rows={4}
              value={comment}
              error={missing ? text.commentRequired : undefined}
              onChange={(e) => {
                setComment(e.target.value);
                if (e.target.value.trim()) setMissing(false);
              }}
            />
            <div className="flex flex-wrap gap-3">
              <Button type="submit" disabled={review.isPending}>
                {text.returnSubmit}
              </Button>
              <Button variant="secondary" onClick={() => setReturning(false)}>
                {messages.cancel}
              </Button>
            </div>
          </form>
        )}
      </article>
    </li>
  );
}

/** 確認待ち: the period's submitted reports, each with what changed, to approve or send back with a comment. */
export function ReviewQueue({
  periodId,
  rows,
  grades,
  reportHref,
}: {
  periodId: number;
  rows: Map<number, RowInfo>;
  grades: EvaluationGrade[];
  reportHref: (id: number) => string;
}) {
  const submitted = usePeriodReports(periodId, { state: 'submitted' });
  const [notice, setNotice] = useState<string | null>(null);

  return (
    <div>
      <StatusNotice>{notice}</StatusNotice>
      {submitted.isPending ? (
        <Loading />
      ) : submitted.isError ? (
        <ErrorAlert error={submitted.error} />
      ) : (
        <section aria-labelledby="review-list" className="flex flex-col gap-4">
          <h2 id="review-list" className="text-std-24B-150 text-solid-gray-900">
            {text.listTitle}
            <span className="ml-3 text-std-17N-170 text-solid-gray-700">
              {messages.home.rowCount(submitted.data.length)}
            </span>
          </h2>
          {submitted.data.length === 0 ? (
            <p>{text.empty}</p>
          ) : (
            <ul className="flex flex-col gap-6">
              {submitted.data.map((r) => (
                <ReviewItem
                  key={`${r.id}-${r.version}`}
                  report={r}
                  info={rows.get(r.row.id)}
                  grades={grades}
                  reportHref={reportHref}
                  onDone={setNotice}
                />
              ))}
            </ul>
          )}
        </section>
      )}
    </div>
  );
}
