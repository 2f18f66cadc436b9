// The safety net under autosave: what the user typed and the server does not have yet, kept in sessionStorage
// per report, so a reload, a crash or an expired session loses nothing. It is removed as soon as the server holds
// the same text. sessionStorage (not localStorage): the draft stays in the tab that wrote it, and goes when the tab
// is closed, as the session does.

import type { ReportFields } from './report-fields';

export type Draft = {
  /** The fields as typed. */
  values: ReportFields;
  /** The version the typing started from: a newer version on the server means someone else saved meanwhile. */
  version: number;
};

export type DraftStorage = {
  load(reportId: number): Draft | null;
  save(reportId: number, draft: Draft): void;
  clear(reportId: number): void;
};

const key = (reportId: number) => `shinko.report-draft.${reportId}`;

function isDraft(value: unknown): value is Draft {
  if (typeof value !== 'object' || value === null) return false;
  const draft = value as { values?: { progress?: unknown; remarks?: unknown }; version?: unknown };
  return (
    typeof draft.version === 'number' &&
    typeof draft.values === 'object' &&
    draft.values !== null &&
    typeof draft.values.progress === 'string' &&
    typeof draft.values.remarks === 'string'
  );
}

export const sessionDraftStorage: DraftStorage = {
  load(reportId) {
    try {
      const parsed: unknown = JSON.parse(sessionStorage.getItem(key(reportId)) ?? 'null');
      return isDraft(parsed) ? parsed : null;
    } catch {
      return null;
    }
  },
  save(reportId, draft) {
    try {
      sessionStorage.setItem(key(reportId), JSON.stringify(draft));
    } catch {
      // Storage full or disabled: autosave still protects the text, only the reload safety net is missing.
    }
  },
  clear(reportId) {
    try {
      sessionStorage.removeItem(key(reportId));
    } catch {
      // nothing to clear
    }
  },
};
