import { useState } from 'react';
import type { components } from '@/api/schema';
import { ErrorAlert, Loading } from '@/components/ui/alert';
import { SelectField } from '@/components/ui/form-field';
import { formatDateTime } from '@/lib/dates';
import { messages } from '@/lib/messages';
import { useReportDiff } from '../api/get-report-diff';
import { useReportVersions } from '../api/get-report-versions';
import type { EvaluationGrade } from '../utils/report-fields';
import { gradeLabel } from './report-fields-view';

type ReportVersion = components['schemas']['ReportVersion'];
type DiffSegment = components['schemas']['DiffSegment'];

const text = messages.review;

/**
 * The version a reviewer compares the submitted text with: the one the secretariat sent back last time (so the
 * fixes show), else the one that took over last period's text (so this period's changes show), else the first.
 */
export function baselineVersion(versions: ReportVersion[], current: number): number | null {
  const earlier = versions.filter((v) => v.version < current);
  const latest = (actions: string[]) => [...earlier].reverse().find((v) => actions.includes(v.action))?.version;
  return latest(['return']) ?? latest(['copy_previous', 'no_change']) ?? earlier[0]?.version ?? null;
}

export function versionLabel(version: ReportVersion): string {
  const action = text.actions[version.action as keyof typeof text.actions] ?? version.action;
  return text.versionOption(version.version, action, formatDateTime(version.created_at));
}

// The visible marks before added and removed text: a sign in a box, so the change shows without colour too
// (in print, for colour-blind readers, in high-contrast modes). Hidden from screen readers, which hear the words
// 「追加」「削除」 instead.
const mark = 'mr-0.5 inline-block rounded-4 border px-1 text-oln-14B-100 leading-5 no-underline select-none';

/**
 * The text of a diff: kept characters plain, added ones marked 「＋」 and underlined (green), removed ones marked
 * 「－」 and struck through (red); screen readers hear 「［追加：…］」 and 「［削除：…］」.
 */
export function DiffText({ segments }: { segments: DiffSegment[] }) {
  return (
    <p className="rounded-8 border border-solid-gray-420 bg-white p-3 whitespace-pre-wrap">
      {segments.map((s, i) =>
        s.op === 'insert' ? (
          <ins key={i} className="bg-green-100 text-green-1100 underline decoration-2 underline-offset-4">
            <span aria-hidden="true" className={`${mark} border-green-900 bg-white`}>
              ＋
            </span>
            <span className="sr-only">{text.inserted}</span>
            {s.text}
            <span className="sr-only">{text.end}</span>
          </ins>
        ) : s.op === 'delete' ? (
          <del key={i} className="bg-red-100 text-red-1100 line-through decoration-2">
            <span aria-hidden="true" className={`${mark} border-red-900 bg-white`}>
              －
            </span>
            <span className="sr-only">{text.deleted}</span>
            {s.text}
            <span className="sr-only">{text.end}</span>
          </del>
        ) : (
          <span key={i}>{s.text}</span>
        ),
      )}
    </p>
  );
}

type FieldChange = components['schemas']['ReportFieldChange'];

/** The fields other than the text that changed, named in Japanese; evaluation codes with the scale's label. */
export function FieldChanges({ fields, grades }: { fields: FieldChange[]; grades?: EvaluationGrade[] }) {
  const value = (field: string, v: string | null | undefined) =>
    v == null || v === '' ? messages.notEntered : field === 'evaluation' && grades ? gradeLabel(v, grades) : v;
  return (
    <ul className="list-disc pl-6">
      {fields.map((f) => (
        <li key={f.field} className="whitespace-pre-wrap">
          {text.fieldChange(
            // The report diff names its fields without a label: the texts here name them.
            text.fields[f.field as keyof typeof text.fields] ?? f.field,
            value(f.field, f.from),
            value(f.field, f.to),
          )}
        </li>
      ))}
    </ul>
  );
}

/** What changed in a report between an earlier version (chosen, with a sensible default) and `current`. */
export function ReportDiff({
  reportId,
  current,
  grades,
}: {
  reportId: number;
  current: number;
  grades?: EvaluationGrade[];
}) {
  const versions = useReportVersions(reportId);
  const [chosen, setChosen] = useState<number | null>(null);
  const from = chosen ?? (versions.data ? baselineVersion(versions.data, current) : null);
  const diff = useReportDiff(reportId, from, current);

  if (versions.isPending) return <Loading />;
  if (versions.isError) return <ErrorAlert error={versions.error} />;
  const earlier = versions.data.filter((v) => v.version < current);
  if (earlier.length === 0 || from === null) return <p>{text.noEarlier}</p>;

  return (
    <div className="flex flex-col gap-3">
      <div>
        <SelectField label={text.compareWith} value={from} onChange={(e) => setChosen(Number(e.target.value))}>
          {earlier.map((v) => (
            <option key={v.version} value={v.version}>
              {versionLabel(v)}
            </option>
          ))}
        </SelectField>
      </div>
      {diff.isPending ? (
        <Loading />
      ) : diff.isError ? (
        <ErrorAlert error={diff.error} />
      ) : (
        <>
          <p className="text-dns-16N-130 text-solid-gray-700">{text.legend}</p>
          <DiffText segments={diff.data.progress} />
          {diff.data.fields.length > 0 && <FieldChanges fields={diff.data.fields} grades={grades} />}
        </>
      )}
    </div>
  );
}
