import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { components } from '@/api/schema';
import { grades } from '@/testing/fixtures';
import { renderWithApp } from '@/testing/render';
import { CompiledTableView, tableCounts } from './compiled-table';

type CompiledTable = components['schemas']['CompiledTable'];
type TableRow = components['schemas']['TableRow'];

const row = (id: number, name: string, progress: string, extra: Partial<TableRow> = {}): TableRow => ({
  row_id: id,
  report_id: id + 100,
  name,
  departments: ['健康課', '福祉総務課'],
  departments_label: '健康課／福祉総務課',
  content: `${name}の内容`,
  progress,
  remarks: '',
  related_row_ids: [],
  state: 'approved',
  evaluation: 'A',
  implementation_status: 'done',
  ...extra,
});

const table: CompiledTable = {
  plan_id: 1,
  plan_name: '第2次自殺対策推進計画',
  municipality: 'あきる野市',
  period: {
    id: 2,
    label: '令和7年度 3月末',
    as_of: '2026-03-31',
    state: 'open',
    progress_header: '取組進捗状況（令和8年3月末まで）',
  },
  compare: {
    id: 1,
    label: '令和7年度 9月末',
    as_of: '2025-09-30',
    state: 'closed',
    progress_header: '取組進捗状況（令和7年9月末まで）',
  },
  title: '施策別事業進行管理表（令和7年度3月末まで）',
  measures: [
    {
      id: 4,
      kind: 'basic',
      number: 4,
      heading: '基本施策4 自殺未遂者への支援の充実',
      table_title: '自殺未遂者等への支援の充実',
      description: '説明',
      item_label: '取組項目',
      sections: [
        {
          direction: {
            id: 10,
            number: 1,
            title: '自殺未遂者等を適切な支援につなげる',
            label: '①自殺未遂者等を適切な支援につなげる',
          },
          rows: [
            row(43, '健康相談', '相談件数 52件', { compare_progress: '相談件数 31件', changed: true }),
            row(44, '生活相談', '同じ文', { compare_progress: '同じ文', changed: false }),
          ],
        },
      ],
    },
  ],
};

describe('CompiledTableView', () => {
  it('lays a measure out as the city’s table, with both periods’ texts and the changed rows marked', () => {
    renderWithApp(<CompiledTableView table={table} grades={grades} reportHref={(id) => `/reports/${id}`} />);
    const t = screen.getByRole('table', { name: '基本施策4 自殺未遂者等への支援の充実' });
    expect(
      within(t)
        .getAllByRole('columnheader')
        .map((h) => h.textContent),
    ).toEqual([
      '取組項目',
      '担当課',
      '内容',
      '取組進捗状況（令和7年9月末まで）',
      '取組進捗状況（令和8年3月末まで）',
      '実施状況・評価',
    ]);
    expect(within(t).getByRole('rowheader', { name: '①自殺未遂者等を適切な支援につなげる' })).toBeInTheDocument();
    const [changed, same] = within(t).getAllByRole('row').slice(2);
    expect(changed).toHaveTextContent('変更あり');
    expect(changed).toHaveTextContent('相談件数 31件');
    expect(changed).toHaveTextContent('評価：A 目標値どおり');
    expect(same).toHaveTextContent('変更なし');
    expect(within(changed!).getByRole('link', { name: '健康相談' })).toHaveAttribute('href', '/reports/143');
    expect(tableCounts(table)).toEqual({ rows: 2, changed: 1 });
  });

  it('links each row to its reports of every period when asked to', () => {
    renderWithApp(
      <CompiledTableView
        table={table}
        grades={grades}
        reportHref={(id) => `/reports/${id}`}
        rowHref={(id) => `/rows/${id}`}
      />,
    );
    expect(screen.getByRole('link', { name: '報告の推移（健康相談）' })).toHaveAttribute('href', '/rows/43');
    expect(screen.getByRole('link', { name: '報告の推移（生活相談）' })).toHaveAttribute('href', '/rows/44');
  });

  it('shows neither links nor workflow states on the public edition', () => {
    renderWithApp(<CompiledTableView table={{ ...table, compare: null }} grades={[]} showStates={false} />);
    expect(screen.queryByRole('link')).not.toBeInTheDocument();
    expect(screen.queryByText('承認済')).not.toBeInTheDocument();
    expect(screen.getAllByRole('columnheader')).toHaveLength(5);
  });
});
