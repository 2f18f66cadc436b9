import { describe, expect, it } from 'vitest';
import type { components } from '@/api/schema';
import { editionPlans } from './edition-plans';

type EditionSummary = components['schemas']['EditionSummary'];

const edition = (id: number, planId: number, planName: string): EditionSummary => ({
  id,
  plan_id: planId,
  plan_name: planName,
  municipality: 'あきる野市',
  period_id: id,
  period_label: '令和7年度 9月末',
  number: 1,
  published_at: '2026-10-30T00:00:00Z',
  sha256: '0'.repeat(64),
  current_edition_id: id,
});

describe('editionPlans', () => {
  it('lists each plan with editions once, in the order of the newest edition', () => {
    expect(
      editionPlans([
        edition(3, 2, '健康増進計画'),
        edition(2, 1, '第2次自殺対策推進計画'),
        edition(1, 2, '健康増進計画'),
      ]),
    ).toEqual([
      { id: 2, label: 'あきる野市 健康増進計画' },
      { id: 1, label: 'あきる野市 第2次自殺対策推進計画' },
    ]);
    expect(editionPlans([])).toEqual([]);
  });
});
