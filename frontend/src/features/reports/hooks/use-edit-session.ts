import { useEffect, useState, useSyncExternalStore } from 'react';
import { useReportWritten } from '../api/report-actions';
import { saveReport } from '../api/save-report';
import { sessionDraftStorage } from '../utils/draft-storage';
import { EditSession, type EditState } from '../utils/edit-session';
import type { ReportDetail } from '../utils/report-fields';

/**
 * The edit session of one report for as long as the editor is shown (key the editor by report id). Leaving the
 * page inside the app saves what is unsaved; closing or reloading the tab with unsaved text asks first, and the
 * draft in sessionStorage keeps the text for the reloaded page.
 */
export function useEditSession({ report, etag }: { report: ReportDetail; etag: string }): [EditState, EditSession] {
  const onWritten = useReportWritten();
  const [session] = useState(
    () =>
      new EditSession({
        report,
        etag,
        save: (tag, values) => saveReport(report.id, tag, values),
        storage: sessionDraftStorage,
        onWritten,
      }),
  );
  const state = useSyncExternalStore(session.subscribe, session.getState);

  useEffect(
    () => () => {
      // Unmount: navigation inside the app. The save outlives the page; its result lands in the cache. A
      // composition still open has no form left to end in: what the form held is saved.
      session.abandonCompositions();
      void session.flush();
      session.dispose();
    },
    [session],
  );

  const unsaved = state.status.kind === 'dirty' || state.status.kind === 'saving' || state.status.kind === 'error';
  useEffect(() => {
    if (!unsaved) return;
    // No save here: a request started while the page unloads may or may not arrive. The draft in
    // sessionStorage holds the text, and the reloaded page saves it.
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [unsaved, session]);

  return [state, session];
}
