import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { planTree } from '@/testing/fixtures';
import { renderWithApp } from '@/testing/render';
import { PlanTable } from './plan-table';

describe('PlanTable', () => {
  it('lays each measure out as the seed table: heading, description, then rows under ①②③', () => {
    renderWithApp(<PlanTable tree={planTree} />);

    expect(screen.getByRole('heading', { name: '基本施策1 地域におけるネットワークの強化' })).toBeInTheDocument();
    expect(screen.getByText('地域におけるネットワークの強化の説明')).toBeInTheDocument();
    const table = screen.getByRole('table', { name: '基本施策1 地域におけるネットワークの強化' });
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((th) => th.textContent),
    ).toEqual(['会議名', '担当課', '内容']);
    expect(
      within(table)
        .getAllByRole('rowheader')
        .map((th) => th.textContent),
    ).toEqual([
      '①自殺対策に関するネットワークを強化する',
      'あきる野市自殺対策推進協議会',
      '②特定の分野に対する連携・ネットワークを強化する',
      '障がい者虐待防止ネットワーク会議',
    ]);
  });

  it('names the table with the longer table title and joins co-owners with ／', () => {
    renderWithApp(<PlanTable tree={planTree} />);

    const table = screen.getByRole('table', { name: '基本施策4 自殺未遂者等への支援の充実' });
    expect(within(table).getByRole('cell', { name: '健康課／福祉総務課' })).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: '基本施策4 自殺未遂者への支援の充実' })).toBeInTheDocument();
  });

  it('filters by department, counting what is shown', async () => {
    renderWithApp(<PlanTable tree={planTree} />);
    expect(screen.getByRole('status')).toHaveTextContent('4件の事業を表示しています。');

    await userEvent.selectOptions(screen.getByLabelText('担当課'), '福祉総務課');

    expect(screen.getByRole('status')).toHaveTextContent('1件の事業を表示しています。');
    expect(screen.getAllByRole('table')).toHaveLength(1);
    expect(screen.queryByRole('heading', { name: '重点施策' })).not.toBeInTheDocument();
  });

  it('reads the filter from the address, so a filtered table can be bookmarked', () => {
    renderWithApp(<PlanTable tree={planTree} />, { path: '/table?measure=3' });

    expect(screen.getAllByRole('table')).toHaveLength(1);
    expect(screen.getByRole('table', { name: '重点施策1 高齢者の自殺対策の推進' })).toBeInTheDocument();
  });
});
