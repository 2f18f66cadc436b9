import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { planTree } from '@/testing/fixtures';
import { renderWithApp } from '@/testing/render';
import { DepartmentRows } from './department-rows';

describe('DepartmentRows', () => {
  it('lists the rows a department owns, alone or jointly, with where they sit in the plan', () => {
    renderWithApp(<DepartmentRows tree={planTree} departmentId={2} title="福祉総務課が担当する事業" />);

    const rows = screen.getAllByRole('article');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toHaveTextContent('基本施策4 自殺未遂者への支援の充実');
    expect(rows[0]).toHaveTextContent('①自殺未遂者等を適切な支援につなげる');
    expect(rows[0]).toHaveTextContent('健康課／福祉総務課');
  });

  it('marks the same 事業 under other measures as 関連する事業', () => {
    renderWithApp(<DepartmentRows tree={planTree} departmentId={1} title="健康課が担当する事業" />);

    const consultation = screen.getAllByRole('article', { name: '健康相談' });
    expect(consultation).toHaveLength(2);
    expect(within(consultation[0]!).getByText('関連する事業')).toBeInTheDocument();
    expect(within(consultation[0]!).getByRole('listitem')).toHaveTextContent('重点施策1 健康相談（健康課）');
    expect(within(consultation[1]!).getByRole('listitem')).toHaveTextContent(
      '基本施策4 ① 健康相談（健康課／福祉総務課）',
    );
    expect(screen.getByRole('article', { name: 'あきる野市自殺対策推進協議会' })).not.toHaveTextContent('関連する事業');
  });

  it('says so when the department owns no row', () => {
    renderWithApp(<DepartmentRows tree={planTree} departmentId={99} title="図書館が担当する事業" />);
    expect(screen.getByText('担当する事業はありません。')).toBeInTheDocument();
  });
});
