// One person's editing of one report: the form's values, autosave, and what happens when someone else saved
// first. Kept outside React (screens read it through useSyncExternalStore) so that saves always see the newest
// ETag: a save must never start from a version that an answer a moment ago already replaced, or the user would
// conflict with themselves.
//
// Rules:
// - Typing changes `values` and (re)starts the autosave timer; the save goes out `delayMs` after typing stopped,
//   or at once on flush() (blur, the 保存 button, leaving the page).
// - One save at a time. Text typed while a save is under way is saved by the next one.
// - A 412 answer (someone saved a newer version) stops autosave and keeps both versions: `values` stays what
//   the user typed, `conflict.theirs` is the newer report. Nothing the user typed is ever dropped; the user
//   decides with overwrite() (mine on top of theirs) or takeTheirs().
// - Unsaved values are written to the draft storage on every change and removed once the server has them.
// - While an IME composition is open in any field (compositionstart … compositionend: Japanese typed as kana
//   that is not converted yet), nothing is saved, neither by the timer nor by flush(): the text holds
//   unconverted reading (「そうだんけんすう」 before 「相談件数」) that must not become a version. compositionEnd()
//   takes the committed text and starts the delay again; a flush() asked for meanwhile waits for it.

import { ApiError } from '@/lib/api-error';
import type { Draft, DraftStorage } from './draft-storage';
import { fieldsOf, reportEtag, sameFields, type ReportDetail, type ReportFields } from './report-fields';

/** A report as a write returned it, with the ETag of that version. */
export type Written = { report: ReportDetail; etag: string };

export type Conflict = {
  /** The report as the other person left it. */
  theirs: ReportDetail;
  /** The ETag of their version: what a write on top of it must name. */
  etag: string;
  /** Who saved it (null when unknown, e.g. an import). */
  changedBy: string | null;
  changedAt: string;
};

export type SaveStatus =
  | { kind: 'clean' }
  | { kind: 'dirty' }
  | { kind: 'saving' }
  | { kind: 'saved'; at: Date }
  | { kind: 'error'; error: unknown };

export type EditState = {
  /** The newest version of the report this session knows and bases its writes on. */
  report: ReportDetail;
  etag: string;
  /** What the form shows. */
  values: ReportFields;
  status: SaveStatus;
  conflict: Conflict | null;
  /** The values came back from the draft storage (typed before a reload and not saved then). */
  restored: boolean;
  /** A workflow action (提出, 前期の内容をコピー, …) is under way. */
  busy: boolean;
};

export type EditSessionOptions = {
  report: ReportDetail;
  etag: string;
  /** PUT /reports/{id} with If-Match: etag. */
  save: (etag: string, values: ReportFields) => Promise<Written>;
  storage: DraftStorage;
  delayMs?: number;
  now?: () => Date;
  /** Told of every version the server confirmed, to update caches. */
  onWritten?: (written: Written) => void;
};

export type ActionResult = { ok: true; report: ReportDetail } | { ok: false; error: unknown };

/** The `conflict` of a 412 answer, or null for any other error. */
export function conflictOf(error: unknown): Conflict | null {
  if (!(error instanceof ApiError) || error.status !== 412) return null;
  const conflict = error.problem?.conflict;
  if (!conflict) return null;
  return {
    theirs: conflict.current,
    // The current version's ETag, built as the API builds it: the 412 answer carries no ETag header.
    etag: reportEtag(conflict.current),
    changedBy: conflict.changed_by?.display_name ?? null,
    changedAt: conflict.changed_at,
  };
}

export class EditSession {
  private state: EditState;
  private readonly listeners = new Set<() => void>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private inFlight: Promise<void> | null = null;
  /** The fields with an open IME composition. */
  private readonly composing = new Set<string>();
  /** flush() calls waiting for the compositions to end. */
  private waitingForComposition: (() => void)[] = [];
  private readonly options: Required<Omit<EditSessionOptions, 'onWritten'>> & Pick<EditSessionOptions, 'onWritten'>;

  constructor(options: EditSessionOptions) {
    this.options = { delayMs: 2000, now: () => new Date(), ...options };
    const { report, etag, storage } = options;
    const editable = report.allowed_actions.includes('save');
    const server = fieldsOf(report);
    const base: EditState = {
      report,
      etag,
      values: server,
      status: { kind: 'clean' },
      conflict: null,
      restored: false,
      busy: false,
    };
    const draft = storage.load(report.id);
    if (!draft || sameFields(draft.values, server)) {
      if (draft) storage.clear(report.id);
      this.state = base;
    } else if (!editable) {
      // Typed text the report no longer accepts (it was submitted or approved meanwhile): keep the draft in
      // storage, untouched, and show the report as it is.
      this.state = base;
    } else if (draft.version === report.version) {
      // Nobody saved since the typing started: carry on where the user left off.
      this.state = { ...base, values: draft.values, status: { kind: 'dirty' }, restored: true };
      this.schedule();
    } else {
      // The server moved on while the typed text waited: the same choice as a 412.
      this.state = {
        ...base,
        values: draft.values,
        status: { kind: 'dirty' },
        restored: true,
        conflict: {
          theirs: report,
          etag,
          changedBy: report.updated_by?.display_name ?? null,
          changedAt: report.updated_at,
        },
      };
    }
  }

  getState = (): EditState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** The draft left behind for a report this session cannot write (see the constructor), if any. */
  strandedDraft(): Draft | null {
    if (this.editable()) return null;
    const draft = this.options.storage.load(this.state.report.id);
    return draft && !sameFields(draft.values, fieldsOf(this.state.report)) ? draft : null;
  }

  discardStrandedDraft(): void {
    this.options.storage.clear(this.state.report.id);
    this.publish({});
  }

  /** The user changed fields. */
  edit(patch: Partial<ReportFields>): void {
    if (!this.editable()) return;
    const values = { ...this.state.values, ...patch };
    const { report } = this.state;
    if (!this.state.conflict && sameFields(values, fieldsOf(report))) {
      // Typed back to what the server has: nothing to save.
      this.cancelTimer();
      this.options.storage.clear(report.id);
      const status = this.state.status.kind === 'saving' ? this.state.status : { kind: 'clean' as const };
      this.publish({ values, status });
      return;
    }
    // Unconverted kana stays out of the stored draft too: a reload would otherwise bring it back and save it.
    if (!this.isComposing()) this.options.storage.save(report.id, { values, version: report.version });
    const status = this.state.status.kind === 'saving' ? this.state.status : { kind: 'dirty' as const };
    this.publish({ values, status });
    if (!this.state.conflict) this.schedule();
  }

  /** An IME composition opened in `field` (compositionstart): saving waits until it ends. */
  compositionStart(field: string): void {
    this.composing.add(field);
    this.cancelTimer();
  }

  /**
   * The composition in `field` ended (compositionend) with the committed text in `patch`. Once no composition is
   * open any more, a flush() that waited saves at once; otherwise the autosave delay starts again.
   */
  compositionEnd(field: string, patch?: Partial<ReportFields>): void {
    this.composing.delete(field);
    if (patch) this.edit(patch);
    if (this.isComposing()) return;
    if (this.isDirty() && this.editable()) {
      this.options.storage.save(this.state.report.id, {
        values: this.state.values,
        version: this.state.report.version,
      });
    }
    const waiting = this.waitingForComposition;
    this.waitingForComposition = [];
    if (waiting.length > 0) {
      for (const resume of waiting) resume();
    } else if (this.isDirty() && !this.state.conflict) {
      this.schedule();
    }
  }

  /** Forgets open compositions, e.g. when the form goes away and no compositionend will come. */
  abandonCompositions(): void {
    for (const field of [...this.composing]) this.compositionEnd(field);
  }

  isComposing(): boolean {
    return this.composing.size > 0;
  }

  /** Saves now what is unsaved (after the save under way, if any). Resolves true when nothing is left unsaved. */
  async flush(): Promise<boolean> {
    this.cancelTimer();
    await this.settle();
    this.cancelTimer();
    if (!this.editable() || this.state.conflict) return !this.isDirty();
    if (!this.isDirty()) return true;
    await this.startSave();
    return !this.isDirty() && !this.state.conflict;
  }

  /** Saves my values on top of the other person's version (「自分の内容で上書き保存」). */
  async overwrite(): Promise<boolean> {
    const conflict = this.state.conflict;
    if (!conflict) return true;
    await this.settle();
    this.publish({ report: conflict.theirs, etag: conflict.etag, conflict: null });
    if (!this.isDirty()) {
      this.options.storage.clear(conflict.theirs.id);
      this.publish({ status: { kind: 'clean' } });
      return true;
    }
    await this.startSave();
    return !this.isDirty() && !this.state.conflict;
  }

  /** Drops my values for the other person's version (「相手の内容を採用」). */
  takeTheirs(): void {
    const conflict = this.state.conflict;
    if (!conflict) return;
    this.cancelTimer();
    this.options.storage.clear(conflict.theirs.id);
    this.publish({
      report: conflict.theirs,
      etag: conflict.etag,
      values: fieldsOf(conflict.theirs),
      conflict: null,
      restored: false,
      status: { kind: 'clean' },
    });
  }

  /**
   * Runs a workflow write (提出, 前期の内容をコピー, 前期から変更なし) on the newest version: first saves what
   * is unsaved, then calls `action` with the ETag. A 412 turns into the conflict view, like a save's.
   */
  async perform(action: (etag: string) => Promise<Written>): Promise<ActionResult> {
    this.publish({ busy: true });
    try {
      if (!(await this.flush())) {
        const error = this.state.status.kind === 'error' ? this.state.status.error : null;
        return { ok: false, error };
      }
      const written = await action(this.state.etag);
      const values = fieldsOf(written.report);
      this.publish({ values, restored: false });
      this.accept(written, values);
      return { ok: true, report: written.report };
    } catch (error) {
      const conflict = conflictOf(error);
      if (conflict) this.publish({ conflict });
      return { ok: false, error };
    } finally {
      this.publish({ busy: false });
    }
  }

  /** Stops the autosave timer (the page is going away; flush() first to keep the text). */
  dispose(): void {
    this.cancelTimer();
  }

  private editable(): boolean {
    // The server says what this user may do with the version it last sent; a session on a read-only report
    // never saves.
    return this.state.report.allowed_actions.includes('save');
  }

  /** Waits until no composition is open and no save is under way. */
  private async settle(): Promise<void> {
    for (;;) {
      if (this.isComposing()) await new Promise<void>((resume) => this.waitingForComposition.push(resume));
      else if (this.inFlight) await this.inFlight;
      else return;
    }
  }

  private isDirty(): boolean {
    return !sameFields(this.state.values, fieldsOf(this.state.report));
  }

  private schedule(): void {
    this.cancelTimer();
    // compositionEnd() schedules the save once the text is committed.
    if (this.isComposing()) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, this.options.delayMs);
  }

  private cancelTimer(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  private startSave(): Promise<void> {
    const sent = this.state.values;
    const { etag } = this.state;
    this.publish({ status: { kind: 'saving' } });
    const run = this.options
      .save(etag, sent)
      .then(
        (written) => this.accept(written, sent),
        (error: unknown) => {
          const conflict = conflictOf(error);
          if (conflict && sameFields(fieldsOf(conflict.theirs), this.state.values)) {
            // The newer version already holds exactly this text (a save sent as the page unloaded, or a
            // colleague typing the same): nothing to choose between.
            this.accept({ report: conflict.theirs, etag: conflict.etag }, this.state.values);
            return;
          }
          this.publish(conflict ? { conflict, status: { kind: 'dirty' } } : { status: { kind: 'error', error } });
        },
      )
      .finally(() => {
        this.inFlight = null;
      });
    this.inFlight = run;
    return run;
  }

  /** The server confirmed a version holding `sent`. */
  private accept(written: Written, sent: ReportFields): void {
    this.options.onWritten?.(written);
    const { report } = written;
    const upToDate = sameFields(this.state.values, sent);
    if (upToDate) this.options.storage.clear(report.id);
    else if (!this.isComposing())
      this.options.storage.save(report.id, { values: this.state.values, version: report.version });
    this.publish({
      report,
      etag: written.etag,
      status: upToDate ? { kind: 'saved', at: this.options.now() } : { kind: 'dirty' },
    });
    // Typed during the save: that text goes out with the next one.
    if (!upToDate) this.schedule();
  }

  private publish(patch: Partial<EditState>): void {
    this.state = { ...this.state, ...patch };
    for (const listener of this.listeners) listener();
  }
}
