import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { endSession, startSession } from '@/lib/session';
import { grades, report, tokenPair } from '@/testing/fixtures';
import { renderWithApp } from '@/testing/render';
import { reportEtag } from '../utils/report-fields';
import { ReportEditor } from './report-editor';

type ReportDetail = ReturnType<typeof report>;

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json', ...headers },
  });

/**
 * A server holding one report. PUT succeeds on the current version and answers 412 with the current report
 * otherwise, as the API does; `otherSaves` plays the colleague who saves first.
 */
function fakeServer(start: ReportDetail) {
  let current = start;
  const puts: { ifMatch: string | null; progress: string }[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (request: Request) => {
      const { pathname } = new URL(request.url);
      if (request.method === 'PUT' && pathname === `/api/v1/reports/${current.id}`) {
        const ifMatch = request.headers.get('If-Match');
        const body = (await request.json()) as { progress: string };
        puts.push({ ifMatch, progress: body.progress });
        if (ifMatch !== reportEtag(current)) {
          return json(412, {
            type: 'urn:shinko:problem:edit_conflict',
            title: 'Precondition Failed',
            status: 412,
            detail: '福祉総務課 担当者さんが先に保存しました。',
            code: 'edit_conflict',
            conflict: {
              your_version: Number(ifMatch?.replace(/\D*\d+-(\d+)\D*/, '$1')),
              current_version: current.version,
              changed_by: current.updated_by,
              changed_at: current.updated_at,
              current,
            },
          });
        }
        current = {
          ...current,
          ...body,
          version: current.version + 1,
          updated_by: { id: 3, display_name: '健康課 担当者' },
        };
        return json(200, current, { ETag: reportEtag(current) });
      }
      return json(404, { type: 'about:blank', title: 'Not Found', status: 404, detail: 'なし', code: 'not_found' });
    }),
  );
  return {
    puts,
    otherSaves(progress: string) {
      current = {
        ...current,
        progress,
        version: current.version + 1,
        updated_by: { id: 7, display_name: '福祉総務課 担当者' },
        updated_at: '2026-12-01T05:05:00Z',
      };
    },
  };
}

beforeEach(() => {
  sessionStorage.clear();
  startSession(tokenPair(1)); // editor of 健康課, an owner of the row
});
afterEach(() => {
  cleanup(); // unmount before the session ends: the editor is only ever shown to a signed-in user
  endSession({ expired: false });
});

function renderEditor(r: ReportDetail) {
  return renderWithApp(<ReportEditor report={r} etag={reportEtag(r)} grades={grades} place="基本施策4" />);
}

describe('ReportEditor', () => {
  it('shows last period’s approved report beside the form, with the scale’s labels', () => {
    renderEditor(report());
    const previous = screen.getByRole('region', { name: '前期の内容（令和7年度 9月末・承認済）' });
    expect(previous).toHaveTextContent('相談件数 131件');
    expect(previous).toHaveTextContent('A 目標値どおり');
    expect(screen.getByRole('option', { name: 'S 目標値以上' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: '前期の内容をコピー' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: '前期から変更なし' })).toBeInTheDocument();
  });

  it('counts the characters typed', async () => {
    renderEditor(report());
    await userEvent.type(screen.getByLabelText('取組進捗状況'), '相談𠮷');
    expect(screen.getByText('3文字（上限20,000文字）')).toBeInTheDocument();
  });

  it('on a 412 shows the other person’s version beside mine, keeps my text, and saves mine on top with the new ETag', async () => {
    const server = fakeServer(report());
    renderEditor(report());
    server.otherSaves('相手の文');

    await userEvent.type(screen.getByLabelText('取組進捗状況'), '自分の文');
    await userEvent.click(screen.getByRole('button', { name: '保存' }));

    await screen.findByRole('heading', { name: '他の人が先にこの報告を保存しました' });
    const theirs = screen.getByRole('region', { name: /相手の内容（福祉総務課 担当者さん/ });
    expect(within(theirs).getByText('相手の文')).toBeInTheDocument();
    expect(screen.getByLabelText('取組進捗状況')).toHaveValue('自分の文');
    expect(screen.getByText('他の人が先に保存したため、自動保存を止めています。')).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: '自分の内容で上書き保存' }));

    await screen.findByText(/保存しました \d\d:\d\d/);
    expect(server.puts.map((p) => p.ifMatch)).toEqual(['"1-1"', '"1-2"']);
    expect(server.puts[1]!.progress).toBe('自分の文');
    expect(screen.queryByRole('heading', { name: '他の人が先にこの報告を保存しました' })).not.toBeInTheDocument();
  });

  it('「相手の内容を採用」 replaces my text with theirs after confirming', async () => {
    const server = fakeServer(report());
    renderEditor(report());
    server.otherSaves('相手の文');
    vi.spyOn(window, 'confirm').mockReturnValue(true);

    await userEvent.type(screen.getByLabelText('取組進捗状況'), '自分の文');
    await userEvent.click(screen.getByRole('button', { name: '保存' }));
    await userEvent.click(await screen.findByRole('button', { name: '相手の内容を採用' }));

    expect(screen.getByLabelText('取組進捗状況')).toHaveValue('相手の文');
    expect(server.puts).toHaveLength(1);
    expect(sessionStorage.getItem('shinko.report-draft.1')).toBeNull();
  });

  it('autosaves 2 seconds after typing stops and keeps the text in sessionStorage until then', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    try {
      const server = fakeServer(report());
      renderEditor(report());
      const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
      await user.type(screen.getByLabelText('取組進捗状況'), '途中');
      expect(JSON.parse(sessionStorage.getItem('shinko.report-draft.1') ?? 'null')).toMatchObject({
        values: { progress: '途中' },
        version: 1,
      });
      expect(screen.getByText('未保存の変更があります。入力を止めると自動で保存します。')).toBeInTheDocument();
      expect(server.puts).toHaveLength(0);

      await act(() => vi.advanceTimersByTimeAsync(2000));
      await screen.findByText(/保存しました \d\d:\d\d/);
      expect(server.puts).toEqual([{ ifMatch: '"1-1"', progress: '途中' }]);
      expect(sessionStorage.getItem('shinko.report-draft.1')).toBeNull();
    } finally {
      vi.useRealTimers();
    }
  });

  it('shows the secretariat’s comment on a returned report', () => {
    renderEditor(report({ state: 'returned', return_comment: '相談件数を記載してください。' }));
    const comment = screen.getByRole('region', { name: '事務局からの差戻しコメント' });
    expect(comment).toHaveTextContent('相談件数を記載してください。');
    expect(screen.getByRole('button', { name: '提出' })).toBeInTheDocument();
  });

  it('is read-only, with the reason, once submitted', () => {
    renderEditor(
      report({ state: 'submitted', progress: '提出した文', allowed_actions: [], read_only_reason: 'submitted' }),
    );
    expect(screen.getByText('この報告は提出済みです。事務局の確認をお待ちください。')).toBeInTheDocument();
    expect(screen.queryByLabelText('取組進捗状況')).not.toBeInTheDocument();
    expect(screen.getByText('提出した文')).toBeInTheDocument();
  });

  it('asks before submitting', async () => {
    renderEditor(report({ progress: '報告文' }));
    await userEvent.click(screen.getByRole('button', { name: '提出' }));
    expect(
      screen.getByText('この内容で事務局に提出しますか。提出すると、事務局が確認するまで編集できません。'),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'キャンセル' }));
    expect(screen.queryByRole('button', { name: '提出する' })).not.toBeInTheDocument();
  });
});

describe('ReportEditor with an IME', () => {
  it('saves nothing while a composition is open, not even on blur, and then the committed text', async () => {
    const server = fakeServer(report());
    renderEditor(report());
    const field = screen.getByLabelText('取組進捗状況');

    fireEvent.compositionStart(field);
    fireEvent.change(field, { target: { value: '前文。そうだんけんすう' } });
    fireEvent.blur(field);
    await act(() => new Promise((resolve) => setTimeout(resolve, 50)));
    expect(server.puts).toEqual([]);

    fireEvent.change(field, { target: { value: '前文。相談件数' } });
    fireEvent.compositionEnd(field);
    await screen.findByText(/保存しました \d\d:\d\d/);
    expect(server.puts.map((p) => p.progress)).toEqual(['前文。相談件数']);
  });
});
