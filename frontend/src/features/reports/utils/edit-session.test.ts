import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '@/lib/api-error';
import { report as reportFixture } from '@/testing/fixtures';
import type { Draft, DraftStorage } from './draft-storage';
import { EditSession, conflictOf, type Written } from './edit-session';
import { fieldsOf, reportEtag, type ReportFields, type ReportDetail } from './report-fields';

function memoryStorage(initial: Record<number, Draft> = {}): DraftStorage & { drafts: Map<number, Draft> } {
  const drafts = new Map(Object.entries(initial).map(([k, v]) => [Number(k), v]));
  return {
    drafts,
    load: (id) => drafts.get(id) ?? null,
    save: (id, draft) => drafts.set(id, draft),
    clear: (id) => drafts.delete(id),
  };
}

/** What the server answers a save with: the next version holding the fields sent. */
function nextVersion(report: ReportDetail, values: ReportFields, by = '健康課 担当者'): Written {
  const next = { ...report, ...values, version: report.version + 1, updated_by: { id: 2, display_name: by } };
  return { report: next, etag: reportEtag(next) };
}

function conflictError(current: ReportDetail, yourVersion: number): ApiError {
  return new ApiError(
    412,
    {
      type: 'urn:shinko:problem:edit_conflict',
      title: 'Precondition Failed',
      status: 412,
      detail: '福祉総務課 担当者さんが先に保存しました。',
      code: 'edit_conflict',
      conflict: {
        your_version: yourVersion,
        current_version: current.version,
        changed_by: { id: 7, display_name: '福祉総務課 担当者' },
        changed_at: '2026-12-01T05:05:00Z',
        current,
      },
    },
    '福祉総務課 担当者さんが先に保存しました。',
  );
}

/** A fake server holding one report: saves succeed on the current version and answer 412 on any other. */
function fakeServer(start: ReportDetail) {
  let current = start;
  const save = vi.fn((etag: string, values: ReportFields): Promise<Written> => {
    if (etag !== reportEtag(current)) return Promise.reject(conflictError(current, Number(etag.split('-')[1])));
    const written = nextVersion(current, values);
    current = written.report;
    return Promise.resolve(written);
  });
  return {
    save,
    get current() {
      return current;
    },
    /** Someone else saves. */
    otherSaves(values: Partial<ReportFields>) {
      current = {
        ...current,
        ...values,
        version: current.version + 1,
        updated_by: { id: 7, display_name: '福祉総務課 担当者' },
      };
    },
  };
}

function session(
  report: ReportDetail,
  save: (etag: string, v: ReportFields) => Promise<Written>,
  storage = memoryStorage(),
) {
  return new EditSession({
    report,
    etag: reportEtag(report),
    save,
    storage,
    now: () => new Date('2026-12-01T05:05:00Z'),
  });
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('autosave', () => {
  it('never saves a report the server says this user may not edit', async () => {
    const server = fakeServer(reportFixture({ allowed_actions: [], read_only_reason: 'not_owner' }));
    const s = session(server.current, server.save);
    s.edit({ progress: '他課の文' });
    await vi.advanceTimersByTimeAsync(5000);
    await s.flush();
    expect(server.save).not.toHaveBeenCalled();
  });

  it('saves 2 seconds after typing stops, once, with everything typed', async () => {
    const server = fakeServer(reportFixture());
    const s = session(server.current, server.save);

    s.edit({ progress: '相談' });
    await vi.advanceTimersByTimeAsync(1500);
    s.edit({ progress: '相談件数' });
    await vi.advanceTimersByTimeAsync(1999);
    expect(server.save).not.toHaveBeenCalled();
    expect(s.getState().status.kind).toBe('dirty');

    await vi.advanceTimersByTimeAsync(1);
    expect(server.save).toHaveBeenCalledTimes(1);
    expect(server.save).toHaveBeenCalledWith('"1-1"', expect.objectContaining({ progress: '相談件数' }));
    expect(s.getState().status).toEqual({ kind: 'saved', at: new Date('2026-12-01T05:05:00Z') });
    expect(s.getState().etag).toBe('"1-2"');
  });

  it('saves at once on flush (blur, the 保存 button) and not again when the timer would have fired', async () => {
    const server = fakeServer(reportFixture());
    const s = session(server.current, server.save);
    s.edit({ remarks: '備考' });
    await s.flush();
    expect(server.save).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(5000);
    expect(server.save).toHaveBeenCalledTimes(1);
  });

  it('does not save when the text was typed back to what the server has', async () => {
    const server = fakeServer(reportFixture({ progress: '元の文' }));
    const s = session(server.current, server.save);
    s.edit({ progress: '元の文を変更' });
    s.edit({ progress: '元の文' });
    await vi.advanceTimersByTimeAsync(3000);
    expect(server.save).not.toHaveBeenCalled();
    expect(s.getState().status.kind).toBe('clean');
  });

  it('saves text typed during a save with the next save, on the new version', async () => {
    let release: () => void = () => {};
    const server = fakeServer(reportFixture());
    const slowSave = vi.fn(async (etag: string, values: ReportFields) => {
      await new Promise<void>((resolve) => (release = resolve));
      return server.save(etag, values);
    });
    const s = session(server.current, slowSave);

    s.edit({ progress: '一' });
    await vi.advanceTimersByTimeAsync(2000);
    expect(s.getState().status.kind).toBe('saving');
    s.edit({ progress: '一二' });
    release();
    await vi.advanceTimersByTimeAsync(0);
    expect(s.getState().status.kind).toBe('dirty');

    await vi.advanceTimersByTimeAsync(2000);
    release();
    await vi.advanceTimersByTimeAsync(0);
    expect(server.save.mock.calls.map(([etag, v]) => [etag, v.progress])).toEqual([
      ['"1-1"', '一'],
      ['"1-2"', '一二'],
    ]);
    expect(s.getState().status.kind).toBe('saved');
  });

  it('keeps the text and reports the error when a save fails for another reason', async () => {
    const s = session(reportFixture(), () => Promise.reject(new ApiError(409, null, '締め切られています。')));
    s.edit({ progress: '消えてはいけない文' });
    await s.flush();
    expect(s.getState().status).toMatchObject({ kind: 'error' });
    expect(s.getState().values.progress).toBe('消えてはいけない文');
  });
});

describe('a 412: someone saved first', () => {
  it('keeps what I typed, shows their version, and stops autosaving', async () => {
    const server = fakeServer(reportFixture());
    const s = session(server.current, server.save);
    server.otherSaves({ progress: '相手の文' });

    s.edit({ progress: '自分の文' });
    await vi.advanceTimersByTimeAsync(2000);

    const state = s.getState();
    expect(state.values.progress).toBe('自分の文');
    expect(state.conflict).toMatchObject({ changedBy: '福祉総務課 担当者', etag: '"1-2"' });
    expect(state.conflict?.theirs.progress).toBe('相手の文');

    s.edit({ progress: '自分の文（続き）' });
    await vi.advanceTimersByTimeAsync(5000);
    expect(server.save).toHaveBeenCalledTimes(1);
  });

  it('「自分の内容で上書き保存」 writes mine on top of their version, with its ETag', async () => {
    const server = fakeServer(reportFixture());
    const s = session(server.current, server.save);
    server.otherSaves({ progress: '相手の文' });
    s.edit({ progress: '自分の文' });
    await s.flush();

    expect(await s.overwrite()).toBe(true);
    expect(server.save).toHaveBeenLastCalledWith('"1-2"', expect.objectContaining({ progress: '自分の文' }));
    expect(s.getState()).toMatchObject({ conflict: null, etag: '"1-3"', status: { kind: 'saved' } });
    expect(server.current.progress).toBe('自分の文');
  });

  it('「相手の内容を採用」 takes their version without saving', async () => {
    const server = fakeServer(reportFixture());
    const storage = memoryStorage();
    const s = session(server.current, server.save, storage);
    server.otherSaves({ progress: '相手の文', evaluation: 'A' });
    s.edit({ progress: '自分の文' });
    await s.flush();

    s.takeTheirs();
    expect(s.getState()).toMatchObject({ conflict: null, etag: '"1-2"', status: { kind: 'clean' } });
    expect(s.getState().values).toEqual(fieldsOf(server.current));
    expect(storage.drafts.size).toBe(0);
    expect(server.save).toHaveBeenCalledTimes(1);
  });

  it('a second conflict during the overwrite shows the newest version again', async () => {
    const server = fakeServer(reportFixture());
    const s = session(server.current, server.save);
    server.otherSaves({ progress: '相手の文' });
    s.edit({ progress: '自分の文' });
    await s.flush();
    server.otherSaves({ progress: '相手の文2' });

    expect(await s.overwrite()).toBe(false);
    expect(s.getState().conflict?.theirs.progress).toBe('相手の文2');
    expect(s.getState().values.progress).toBe('自分の文');
  });

  it('is no conflict when the newer version holds exactly my text', async () => {
    const server = fakeServer(reportFixture());
    const s = session(server.current, server.save);
    server.otherSaves({ progress: '同じ文' });
    s.edit({ progress: '同じ文' });
    await s.flush();
    expect(s.getState()).toMatchObject({ conflict: null, etag: '"1-2"', status: { kind: 'saved' } });
  });

  it('reads the conflict only from a 412 that carries one', () => {
    expect(conflictOf(new ApiError(409, null, 'x'))).toBeNull();
    expect(conflictOf(conflictError(reportFixture({ version: 4 }), 3))?.etag).toBe('"1-4"');
  });
});

describe('the draft in sessionStorage', () => {
  it('holds unsaved text and is removed once the server has it', async () => {
    const server = fakeServer(reportFixture());
    const storage = memoryStorage();
    const s = session(server.current, server.save, storage);
    s.edit({ progress: '入力中' });
    expect(storage.drafts.get(1)).toEqual({ values: { ...fieldsOf(server.current), progress: '入力中' }, version: 1 });
    await s.flush();
    expect(storage.drafts.size).toBe(0);
  });

  it('after a reload, brings back the unsaved text and saves it on the same version', async () => {
    const server = fakeServer(reportFixture());
    const storage = memoryStorage({
      1: { values: { ...fieldsOf(server.current), progress: '再読み込み前の文' }, version: 1 },
    });
    const s = session(server.current, server.save, storage);
    expect(s.getState()).toMatchObject({ restored: true, conflict: null, values: { progress: '再読み込み前の文' } });
    await vi.advanceTimersByTimeAsync(2000);
    expect(server.current.progress).toBe('再読み込み前の文');
  });

  it('after a reload, shows a conflict when someone saved since the text was typed', () => {
    const server = fakeServer(reportFixture());
    const storage = memoryStorage({
      1: { values: { ...fieldsOf(server.current), progress: '再読み込み前の文' }, version: 1 },
    });
    server.otherSaves({ progress: '相手の文' });
    const s = session(server.current, server.save, storage);
    expect(s.getState().conflict?.theirs.progress).toBe('相手の文');
    expect(s.getState().values.progress).toBe('再読み込み前の文');
  });
});

describe('workflow actions', () => {
  it('提出 saves the unsaved text first, then submits the version just saved', async () => {
    const server = fakeServer(reportFixture());
    const s = session(server.current, server.save);
    const submit = vi.fn((etag: string): Promise<Written> => {
      const next = { ...server.current, state: 'submitted' as const, version: server.current.version + 1 };
      expect(etag).toBe(reportEtag(server.current));
      return Promise.resolve({ report: next, etag: reportEtag(next) });
    });
    s.edit({ progress: '提出する文' });
    const result = await s.perform(submit);
    expect(result.ok).toBe(true);
    expect(submit).toHaveBeenCalledWith('"1-2"');
    expect(s.getState().report.state).toBe('submitted');
  });

  it('前期の内容をコピー replaces the form with what the server wrote', async () => {
    const s = session(reportFixture(), vi.fn());
    const copied = reportFixture({ progress: '前期の文', version: 2 });
    await s.perform(() => Promise.resolve({ report: copied, etag: reportEtag(copied) }));
    expect(s.getState()).toMatchObject({ values: { progress: '前期の文' }, etag: '"1-2"', status: { kind: 'saved' } });
  });
});

describe('typing Japanese through an IME', () => {
  /** The form's events as Chromium sends them: compositionstart, inputs of the kana, then the commit. */
  function composeKana(s: EditSession, before: string, kana: string) {
    s.compositionStart('progress');
    s.edit({ progress: before + kana });
  }

  it('stores nothing while a composition stays open longer than the delay, then saves the committed text once', async () => {
    const server = fakeServer(reportFixture());
    const storage = memoryStorage();
    const s = session(server.current, server.save, storage);

    s.edit({ progress: '前文。' });
    composeKana(s, '前文。', 'そうだんけんすう');
    await vi.advanceTimersByTimeAsync(3500);
    expect(server.save).not.toHaveBeenCalled();
    expect(storage.drafts.get(1)?.values.progress).toBe('前文。');
    expect(s.isComposing()).toBe(true);

    // Chromium sends the committed text as an input, then compositionend.
    s.edit({ progress: '前文。相談件数' });
    s.compositionEnd('progress', { progress: '前文。相談件数' });
    expect(storage.drafts.get(1)?.values.progress).toBe('前文。相談件数');
    await vi.advanceTimersByTimeAsync(1999);
    expect(server.save).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(server.save).toHaveBeenCalledTimes(1);
    expect(server.save).toHaveBeenCalledWith('"1-1"', expect.objectContaining({ progress: '前文。相談件数' }));
    expect(s.getState().status.kind).toBe('saved');
    await vi.advanceTimersByTimeAsync(5000);
    expect(server.save).toHaveBeenCalledTimes(1);
  });

  it('a timer started before the composition does not fire during it', async () => {
    const server = fakeServer(reportFixture());
    const s = session(server.current, server.save);
    s.edit({ progress: '前文。' });
    await vi.advanceTimersByTimeAsync(1500);
    composeKana(s, '前文。', 'そうだん');
    await vi.advanceTimersByTimeAsync(10_000);
    expect(server.save).not.toHaveBeenCalled();
    s.compositionEnd('progress', { progress: '前文。相談' });
    await vi.advanceTimersByTimeAsync(2000);
    expect(server.save.mock.calls.map(([, v]) => v.progress)).toEqual(['前文。相談']);
  });

  it('holds a flush (blur, 保存, 提出) until the composition ends, then saves the committed text at once', async () => {
    const server = fakeServer(reportFixture());
    const s = session(server.current, server.save);
    composeKana(s, '', 'けんこうそうだん');
    let flushed: boolean | null = null;
    void s.flush().then((ok) => (flushed = ok));
    await vi.advanceTimersByTimeAsync(5000);
    expect(server.save).not.toHaveBeenCalled();
    expect(flushed).toBeNull();

    s.compositionEnd('progress', { progress: '健康相談' });
    await vi.advanceTimersByTimeAsync(0);
    expect(server.save.mock.calls.map(([, v]) => v.progress)).toEqual(['健康相談']);
    expect(flushed).toBe(true);
    // No second save from a timer.
    await vi.advanceTimersByTimeAsync(5000);
    expect(server.save).toHaveBeenCalledTimes(1);
  });

  it('waits for every field: a composition in 備考 holds the save of 取組進捗状況', async () => {
    const server = fakeServer(reportFixture());
    const s = session(server.current, server.save);
    s.edit({ progress: '本文' });
    s.compositionStart('remarks');
    s.edit({ remarks: 'びこう' });
    await vi.advanceTimersByTimeAsync(5000);
    expect(server.save).not.toHaveBeenCalled();
    s.compositionEnd('remarks', { remarks: '備考' });
    await vi.advanceTimersByTimeAsync(2000);
    expect(server.save).toHaveBeenCalledWith('"1-1"', expect.objectContaining({ progress: '本文', remarks: '備考' }));
  });

  it('a composition cancelled back to the saved text saves nothing', async () => {
    const server = fakeServer(reportFixture({ progress: '元の文' }));
    const s = session(server.current, server.save);
    composeKana(s, '元の文', 'あ');
    s.compositionEnd('progress', { progress: '元の文' });
    await vi.advanceTimersByTimeAsync(5000);
    expect(server.save).not.toHaveBeenCalled();
    expect(s.getState().status.kind).toBe('clean');
  });

  it('text typed during a save is saved after the composition that follows it ends', async () => {
    let release: () => void = () => {};
    const server = fakeServer(reportFixture());
    const slowSave = vi.fn(async (etag: string, values: ReportFields) => {
      await new Promise<void>((resolve) => (release = resolve));
      return server.save(etag, values);
    });
    const s = session(server.current, slowSave);
    s.edit({ progress: '一。' });
    await vi.advanceTimersByTimeAsync(2000);
    composeKana(s, '一。', 'に');
    release();
    await vi.advanceTimersByTimeAsync(5000);
    expect(server.save.mock.calls.map(([, v]) => v.progress)).toEqual(['一。']);
    s.compositionEnd('progress', { progress: '一。二' });
    await vi.advanceTimersByTimeAsync(2000);
    release();
    await vi.advanceTimersByTimeAsync(0);
    expect(server.save.mock.calls.map(([, v]) => v.progress)).toEqual(['一。', '一。二']);
  });

  it('when the form goes away mid-composition, the held flush saves what the form held', async () => {
    const server = fakeServer(reportFixture());
    const s = session(server.current, server.save);
    composeKana(s, '', '相談');
    const flushed = s.flush();
    s.abandonCompositions();
    expect(await flushed).toBe(true);
    expect(server.save).toHaveBeenCalledTimes(1);
  });
});
