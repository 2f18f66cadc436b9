import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { importContentType } from '../api/import-table';
import { ProblemsTable } from './import-table';

describe('import', () => {
  it('lists the file’s problems by 行, 列 and 内容', () => {
    render(
      <ProblemsTable
        problems={[
          {
            row: 12,
            column: 'G',
            column_name: '担当課',
            code: 'unknown_department',
            message: '担当課「健康推進課」は登録されていません。',
          },
          { row: null, column: null, column_name: null, code: 'invalid', message: 'ファイルを読めません。' },
        ]}
      />,
    );
    const table = screen.getByRole('table', { name: 'ファイルの問題（2件）' });
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((h) => h.textContent),
    ).toEqual(['行', '列', '内容']);
    const [, first, second] = within(table).getAllByRole('row');
    expect(first).toHaveTextContent('12G（担当課）担当課「健康推進課」は登録されていません。');
    expect(second).toHaveTextContent('ファイル全体行全体ファイルを読めません。');
  });

  it('sends Excel and CSV files with their content types, and nothing else', () => {
    expect(importContentType('進行管理表.XLSX')).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(importContentType('table.csv')).toBe('text/csv');
    expect(importContentType('table.xls')).toBeNull();
  });
});
