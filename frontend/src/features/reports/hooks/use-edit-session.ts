import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { useReportWritten } from '../api/report-actions';
import { saveReport } from '../api/save-report';
import { sessionDraftStorage } from '../utils/draft-storage';
import { EditSession, type EditState } from '../utils/edit-session';
import type { ReportView } from '../utils/report-fields';

/**
 * The edit session of one report for as long as the editor is shown (key the editor by report id). Leaving the
 * page saves what is unsaved; closing or reloading the tab with unsaved text asks first (the draft in
 * sessionStorage still keeps it).
 */
export function useEditSession({
  report,
  etag,
  canEdit,
}: {
  report: ReportView;
  etag: string;
  canEdit: (report: ReportView) => boolean;
}): [EditState, EditSession] {
  const onWritten = useReportWritten();
  // The rule may change while the page is open (the period's state is refetched); the session asks each time.
  const canEditRef = useRef(canEdit);
  canEditRef.current = canEdit;
  const [session] = useState(
    () =>
      new EditSession({
        report,
        etag,
        canEdit: (r) => canEditRef.current(r),
        save: (tag, values) => saveReport(report.id, tag, values),
        storage: sessionDraftStorage,
        onWritten,
      }),
  );
  const state = useSyncExternalStore(session.subscribe, session.getState);

  useEffect(
    () => () => {
      // Unmount: navigation inside the app. The save outlives the page; its result lands in the cache.
      void session.flush();
      session.dispose();
    },
    [session],
  );

  const unsaved = state.status.kind === 'dirty' || state.status.kind === 'saving' || state.status.kind === 'error';
  useEffect(() => {
    if (!unsaved) return;
    const warn = (event: BeforeUnloadEvent) => {
      void session.flush();
      event.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [unsaved, session]);

  return [state, session];
}
