import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { components } from '@/api/schema';
import { baselineVersion, DiffText } from './report-diff';

type ReportVersion = components['schemas']['ReportVersion'];

const version = (n: number, action: string): ReportVersion => ({
  version: n,
  action,
  state: 'draft',
  progress: '',
  remarks: '',
  created_at: '2026-12-01T00:00:00Z',
});

describe('baselineVersion', () => {
  it('compares a resubmitted report with the version the secretariat returned', () => {
    const versions = [
      version(1, 'create'),
      version(2, 'save'),
      version(3, 'submit'),
      version(4, 'return'),
      version(5, 'save'),
      version(6, 'submit'),
    ];
    expect(baselineVersion(versions, 6)).toBe(4);
  });

  it('otherwise with the version that took over last period’s text, else the first', () => {
    expect(
      baselineVersion([version(1, 'create'), version(2, 'copy_previous'), version(3, 'save'), version(4, 'submit')], 4),
    ).toBe(2);
    expect(baselineVersion([version(1, 'create'), version(2, 'save'), version(3, 'submit')], 3)).toBe(1);
    expect(baselineVersion([version(1, 'create')], 1)).toBeNull();
  });
});

describe('DiffText', () => {
  it('marks added and removed characters, also for screen readers', () => {
    render(
      <DiffText
        segments={[
          { op: 'equal', text: '相談に' },
          { op: 'insert', text: '138件' },
          { op: 'delete', text: '、関係機関と' },
          { op: 'equal', text: '対応した。' },
        ]}
      />,
    );
    expect(screen.getByText('138件').closest('ins')).toBeInTheDocument();
    expect(screen.getByText('、関係機関と').closest('del')).toBeInTheDocument();
    expect(screen.getByText(/相談に/).closest('p')).toHaveTextContent(
      '相談に＋［追加：138件］－［削除：、関係機関と］対応した。',
    );
  });
});
