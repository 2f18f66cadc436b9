import { useId, useState } from 'react';
import type { components } from '@/api/schema';
import { ErrorAlert, Loading } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { SelectField } from '@/components/ui/form-field';
import { ReportStateBadge } from '@/components/report-state-badge';
import { formatDateTime } from '@/lib/dates';
import { messages } from '@/lib/messages';
import { useReportDiff } from '../api/get-report-diff';
import { useReportVersions } from '../api/get-report-versions';
import type { EvaluationGrade } from '../utils/report-fields';
import { DiffText, FieldChanges } from './report-diff';

type ReportVersion = components['schemas']['ReportVersion'];

const text = messages.reportHistory;

/** 「保存」「提出」「差戻し」…: what made a version, in Japanese. */
export function actionLabel(action: string): string {
  return messages.review.actions[action as keyof typeof messages.review.actions] ?? action;
}

/** Who made a version: its author's name as the server gives it, or how a version without one came about. */
export function actorLabel(version: ReportVersion): string {
  if (version.actor_name) return version.actor_name;
  if (version.action === 'import') return text.importActor;
  return version.action === 'create' ? text.createActor : text.unknownActor;
}

/** `第3版・令和8年3月1日 (2026年3月1日) 14:05・保存（健康課 担当者）` */
export function versionOption(version: ReportVersion): string {
  return text.option(
    version.version,
    formatDateTime(version.created_at),
    actionLabel(version.action),
    actorLabel(version),
  );
}

/** The pair compared by default: the version before the newest, and the newest. */
export function defaultPair(versions: ReportVersion[]): { from: number; to: number } | null {
  const [from, to] = versions.slice(-2);
  return from && to ? { from: from.version, to: to.version } : null;
}

function VersionTable({ versions }: { versions: ReportVersion[] }) {
  const captionId = useId();
  const newest = versions[versions.length - 1]?.version;
  const cell = 'border border-solid-gray-420 px-3 py-2 text-left align-top';
  return (
    // Long histories scroll inside the box; the box takes focus so the keyboard can scroll it.
    <div
      role="region"
      aria-labelledby={captionId}
      tabIndex={0}
      className="max-h-[28rem] overflow-auto rounded-8 border border-solid-gray-420 focus-visible:outline-4 focus-visible:outline-offset-2 focus-visible:outline-black"
    >
      <table className="w-full min-w-[40rem] border-collapse text-std-16N-170">
        <caption id={captionId} className="bg-solid-gray-50 px-3 py-2 text-left text-std-17B-170">
          {text.listCaption}
        </caption>
        <thead className="sticky top-0 bg-solid-gray-50">
          <tr>
            <th scope="col" className={cell}>
              {text.version}
            </th>
            <th scope="col" className={cell}>
              {text.at}
            </th>
            <th scope="col" className={cell}>
              {text.action}
            </th>
            <th scope="col" className={cell}>
              {text.actor}
            </th>
            <th scope="col" className={cell}>
              {text.state}
            </th>
          </tr>
        </thead>
        <tbody>
          {[...versions].reverse().map((v) => (
            <tr key={v.version}>
              <th scope="row" className={`${cell} whitespace-nowrap`}>
                {text.versionNumber(v.version)}
                {v.version === newest && text.current}
              </th>
              <td className={cell}>{formatDateTime(v.created_at)}</td>
              <td className={cell}>{actionLabel(v.action)}</td>
              <td className={cell}>{actorLabel(v)}</td>
              <td className={cell}>
                <ReportStateBadge state={v.state} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function VersionDiff({
  reportId,
  from,
  to,
  grades,
}: {
  reportId: number;
  from: number;
  to: number;
  grades?: EvaluationGrade[];
}) {
  const diff = useReportDiff(reportId, from, to);
  const titleId = useId();
  if (from === to) return <p>{text.same}</p>;
  if (diff.isPending) return <Loading />;
  if (diff.isError) return <ErrorAlert error={diff.error} />;
  const changedText = diff.data.progress.some((s) => s.op !== 'equal');
  return (
    <section aria-labelledby={titleId} className="flex flex-col gap-3">
      <h4 id={titleId} className="text-std-18B-160">
        {text.diffTitle(from, to)}
      </h4>
      {from > to && <p>{text.reversed}</p>}
      <p className="text-dns-16N-130 text-solid-gray-700">{messages.review.legend}</p>
      <h5 className="text-std-16B-170">{text.progressTitle}</h5>
      {changedText ? <DiffText segments={diff.data.progress} /> : <p>{text.noTextChange}</p>}
      <h5 className="text-std-16B-170">{text.fieldsTitle}</h5>
      {diff.data.fields.length > 0 ? (
        <FieldChanges fields={diff.data.fields} grades={grades} />
      ) : (
        <p>{text.noFieldChange}</p>
      )}
    </section>
  );
}

function Comparison({
  reportId,
  versions,
  grades,
}: {
  reportId: number;
  versions: ReportVersion[];
  grades?: EvaluationGrade[];
}) {
  // Until the user chooses, the pair follows the newest version (autosave adds versions while the page is open).
  const [chosen, setChosen] = useState<{ from?: number; to?: number }>({});
  const pair = defaultPair(versions);
  const titleId = useId();
  if (!pair) return <p>{text.onlyOne}</p>;
  const exists = (n: number | undefined) => n !== undefined && versions.some((v) => v.version === n);
  const from = exists(chosen.from) ? chosen.from! : pair.from;
  const to = exists(chosen.to) ? chosen.to! : pair.to;
  const options = [...versions].reverse().map((v) => (
    <option key={v.version} value={v.version}>
      {versionOption(v)}
    </option>
  ));
  return (
    <section aria-labelledby={titleId} className="flex flex-col gap-4">
      <h3 id={titleId} className="text-std-20B-150">
        {text.compareTitle}
      </h3>
      <div className="grid gap-4 lg:grid-cols-2">
        <SelectField
          label={text.from}
          value={from}
          onChange={(e) => setChosen({ ...chosen, from: Number(e.target.value) })}
        >
          {options}
        </SelectField>
        <SelectField label={text.to} value={to} onChange={(e) => setChosen({ ...chosen, to: Number(e.target.value) })}>
          {options}
        </SelectField>
      </div>
      <VersionDiff reportId={reportId} from={from} to={to} grades={grades} />
    </section>
  );
}

/**
 * 変更履歴: every version of a report (who, when, what) and the changes between any two of them. For everyone who
 * may read the report — editors of any department, viewers and admins — whatever its state or period. Opened on
 * demand, so the versions load only when asked for.
 */
export function ReportHistory({
  reportId,
  versionCount,
  grades,
}: {
  reportId: number;
  /** The report's current version number: how many versions there are. */
  versionCount: number;
  grades?: EvaluationGrade[];
}) {
  const [open, setOpen] = useState(false);
  const titleId = useId();
  const panelId = useId();
  return (
    <section aria-labelledby={titleId} className="flex flex-col gap-4 rounded-8 border border-solid-gray-420 p-4">
      <h2 id={titleId} className="text-std-20B-150 text-solid-gray-900">
        {text.title}
      </h2>
      <p>{text.lead}</p>
      <div>
        <Button variant="secondary" aria-expanded={open} aria-controls={panelId} onClick={() => setOpen(!open)}>
          {open ? text.hide : text.show(versionCount)}
        </Button>
      </div>
      <div id={panelId} hidden={!open}>
        {open && <HistoryPanel reportId={reportId} grades={grades} />}
      </div>
    </section>
  );
}

function HistoryPanel({ reportId, grades }: { reportId: number; grades?: EvaluationGrade[] }) {
  const versions = useReportVersions(reportId);
  if (versions.isPending) return <Loading />;
  if (versions.isError) return <ErrorAlert error={versions.error} />;
  return (
    <div className="flex flex-col gap-6">
      <VersionTable versions={versions.data} />
      <Comparison reportId={reportId} versions={versions.data} grades={grades} />
    </div>
  );
}
