import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { components } from '@/api/schema';
import { grades } from '@/testing/fixtures';
import { renderWithApp } from '@/testing/render';
import { RowReports } from './row-reports';

type RowPeriodReport = components['schemas']['RowPeriodReport'];

const reports: RowPeriodReport[] = [
  {
    period_id: 1,
    period_label: '令和7年度 9月末',
    as_of: '2025-09-30',
    period_state: 'closed',
    report_id: 11,
    state: 'approved',
    progress: '上半期の文',
    implementation_status: 'in_progress',
    evaluation: 'A',
    future_direction: 'continue',
    remarks: '',
    version: 1,
    updated_at: '2025-10-10T01:00:00Z',
  },
  {
    period_id: 2,
    period_label: '令和7年度 3月末',
    as_of: '2026-03-31',
    period_state: 'open',
    report_id: 21,
    state: 'draft',
    progress: '年間の文',
    remarks: '',
    version: 3,
    updated_at: '2026-03-10T01:00:00Z',
  },
];

describe('RowReports', () => {
  it('shows each period’s report, oldest first, with its states, and links to it', () => {
    renderWithApp(<RowReports reports={reports} grades={grades} reportHref={(id) => `/reports/${id}`} />);
    const [first, second] = screen.getAllByRole('region');
    expect(first).toHaveAccessibleName('令和7年度 9月末');
    expect(within(first!).getByText('基準日 令和7年9月30日 (2025年9月30日)')).toBeInTheDocument();
    expect(within(first!).getByText('締切')).toBeInTheDocument();
    expect(within(first!).getByText('承認済')).toBeInTheDocument();
    expect(within(first!).getByText('A 目標値どおり')).toBeInTheDocument();
    expect(second).toHaveAccessibleName('令和7年度 3月末');
    expect(within(second!).getByText('年間の文')).toBeInTheDocument();
    expect(within(second!).getByRole('link', { name: '報告を開く（令和7年度 3月末）' })).toHaveAttribute(
      'href',
      '/reports/21',
    );
  });

  it('says so when the row has no report yet', () => {
    renderWithApp(<RowReports reports={[]} grades={grades} reportHref={(id) => `/reports/${id}`} />);
    expect(screen.getByText('この事業の報告はまだありません。')).toBeInTheDocument();
  });
});
