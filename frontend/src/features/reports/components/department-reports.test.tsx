import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { report } from '@/testing/fixtures';
import { renderWithApp } from '@/testing/render';
import { DepartmentReports } from './department-reports';

const rows = new Map([
  [
    3,
    {
      place: '基本施策4 自殺未遂者への支援の充実 ＞ ①自殺未遂者等を適切な支援につなげる',
      related: ['重点施策1 健康相談（健康課）'],
    },
  ],
]);

describe('DepartmentReports', () => {
  it('lists each report with its state, place and related rows, and links to the editor', () => {
    renderWithApp(
      <DepartmentReports
        reports={[report()]}
        rows={rows}
        title="健康課の報告"
        reportHref={(id) => `/reports/${id}`}
        writable
      />,
    );
    const card = screen.getByRole('article', { name: '健康相談' });
    expect(card).toHaveTextContent('下書き');
    expect(card).toHaveTextContent('基本施策4 自殺未遂者への支援の充実');
    expect(within(card).getByText('関連する事業')).toBeInTheDocument();
    expect(within(card).getByRole('listitem')).toHaveTextContent('重点施策1 健康相談（健康課）');
    expect(within(card).getByRole('link', { name: '報告を書く（健康相談）' })).toHaveAttribute('href', '/reports/1');
  });

  it('highlights a returned report with the secretariat’s comment', () => {
    renderWithApp(
      <DepartmentReports
        reports={[
          report({ state: 'returned', return_comment: '件数を記載してください。' }),
          report({ id: 2, row: { ...report().row, id: 9, name: '広報活動' }, state: 'approved' }),
        ]}
        rows={rows}
        title="健康課の報告"
        reportHref={(id) => `/reports/${id}`}
        writable
      />,
    );
    const returned = screen.getByRole('article', { name: '健康相談' });
    expect(returned).toHaveTextContent('差戻し');
    expect(returned).toHaveTextContent('事務局からの差戻しコメント');
    expect(returned).toHaveTextContent('件数を記載してください。');
    expect(returned.className).toContain('border-error-1');
    const approved = screen.getByRole('article', { name: '広報活動' });
    expect(within(approved).getByRole('link', { name: '報告を見る（広報活動）' })).toBeInTheDocument();
    expect(screen.getByRole('list', { name: '状態別の件数' })).toHaveTextContent('差戻し1件');
  });
});
