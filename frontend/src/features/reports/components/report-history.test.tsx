import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { components } from '@/api/schema';
import { grades } from '@/testing/fixtures';
import { renderWithApp } from '@/testing/render';
import { actorLabel, defaultPair, ReportHistory } from './report-history';

type ReportVersion = components['schemas']['ReportVersion'];

const version = (n: number, action: string, actor: number | null, progress: string): ReportVersion => ({
  version: n,
  action,
  state: action === 'submit' ? 'submitted' : 'draft',
  progress,
  remarks: '',
  evaluation: n >= 3 ? 'S' : null,
  actor_id: actor,
  actor_name: actor === 3 ? '健康課 担当者' : null,
  created_at: `2026-03-0${n}T05:05:00Z`,
});

const versions = [
  version(1, 'create', null, ''),
  version(2, 'save', 3, '相談に対応した。'),
  version(3, 'submit', 3, '相談に138件対応した。'),
];

const json = (body: unknown) => new Response(JSON.stringify(body), { headers: { 'Content-Type': 'application/json' } });

function fakeServer() {
  const diffs: string[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn((request: Request) => {
      const url = new URL(request.url);
      if (url.pathname === '/api/v1/reports/1/versions') return Promise.resolve(json(versions));
      if (url.pathname === '/api/v1/reports/1/diff') {
        const from = Number(url.searchParams.get('from'));
        const to = Number(url.searchParams.get('to'));
        diffs.push(`${from}-${to}`);
        return Promise.resolve(
          json({
            from: versions[from - 1],
            to: versions[to - 1],
            progress: [
              { op: 'equal', text: '相談に' },
              { op: 'insert', text: '138件' },
              { op: 'equal', text: '対応した。' },
            ],
            fields: [
              { field: 'state', from: '下書き', to: '提出済' },
              { field: 'evaluation', from: null, to: 'S' },
            ],
          }),
        );
      }
      return Promise.resolve(new Response(null, { status: 404 }));
    }),
  );
  return { diffs };
}

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('ReportHistory', () => {
  it('lists every version with 和暦 date, action and author, and compares the previous with the current one', async () => {
    const server = fakeServer();
    renderWithApp(<ReportHistory reportId={1} versionCount={3} grades={grades} />);
    const toggle = screen.getByRole('button', { name: '変更履歴を表示（全3版）' });
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await userEvent.click(toggle);
    expect(toggle).toHaveAttribute('aria-expanded', 'true');

    const table = await screen.findByRole('table', { name: '版の一覧（新しい順）' });
    const rows = within(table).getAllByRole('row');
    expect(rows[1]).toHaveTextContent('第3版（最新）');
    expect(rows[1]).toHaveTextContent('令和8年3月3日 (2026年3月3日) 14:05');
    expect(rows[1]).toHaveTextContent('提出');
    expect(rows[1]).toHaveTextContent('健康課 担当者');
    expect(rows[3]).toHaveTextContent('作成');

    expect(screen.getByLabelText('比較元の版（前）')).toHaveDisplayValue(
      '第2版・令和8年3月2日 (2026年3月2日) 14:05・保存（健康課 担当者）',
    );
    expect(screen.getByLabelText('比較先の版（後）')).toHaveDisplayValue(/^第3版・/);
    await screen.findByRole('heading', { name: '第2版から第3版への変更点' });
    expect(screen.getByText('138件').closest('ins')).toBeInTheDocument();
    expect(screen.getByText('評価：（未入力） → S 目標値以上')).toBeInTheDocument();
    expect(screen.getByText('状態：下書き → 提出済')).toBeInTheDocument();
    expect(server.diffs).toEqual(['2-3']);
  });

  it('compares any two versions chosen with the keyboard, and says when both are the same', async () => {
    const server = fakeServer();
    renderWithApp(<ReportHistory reportId={1} versionCount={3} />);
    await userEvent.click(screen.getByRole('button', { name: /変更履歴を表示/ }));
    const from = await screen.findByLabelText('比較元の版（前）');
    await userEvent.selectOptions(from, '1');
    await screen.findByRole('heading', { name: '第1版から第3版への変更点' });
    await userEvent.selectOptions(screen.getByLabelText('比較先の版（後）'), '1');
    expect(screen.getByText(/同じ版が選ばれています/)).toBeInTheDocument();
    expect(server.diffs).toEqual(['2-3', '1-3']);
  });
});

describe('helpers', () => {
  it('names the author, an import, or an unknown user', () => {
    expect(actorLabel(versions[1]!)).toBe('健康課 担当者');
    expect(actorLabel(version(4, 'import', null, ''))).toBe('（取込）');
    expect(actorLabel(version(1, 'create', null, ''))).toBe('（報告期間の開始時に作成）');
    expect(actorLabel(version(4, 'save', null, ''))).toBe('（不明）');
  });

  it('compares the newest version with the one before it by default', () => {
    expect(defaultPair(versions)).toEqual({ from: 2, to: 3 });
    expect(defaultPair(versions.slice(0, 1))).toBeNull();
  });
});
