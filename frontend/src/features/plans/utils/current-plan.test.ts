import { describe, expect, it } from 'vitest';
import { planTree } from '@/testing/fixtures';
import { activePlans, currentPlan, type Plan } from './current-plan';

const plan = (id: number, extra: Partial<Plan> = {}): Plan => ({ ...planTree.plan, id, name: `計画${id}`, ...extra });

const suicide = plan(1);
const health = plan(2);
const archived = plan(3, { archived_at: '2026-04-01T00:00:00Z' });

describe('currentPlan', () => {
  it('is the plan the user chose', () => {
    expect(currentPlan([suicide, health], 2)).toBe(health);
  });

  it('is the first plan that is not archived when the user chose none', () => {
    expect(currentPlan([suicide, health], null)).toBe(suicide);
    expect(currentPlan([archived, health], undefined)).toBe(health);
  });

  it('falls back to the first open plan when the chosen one was archived or deleted', () => {
    expect(currentPlan([suicide, health, archived], 3)).toBe(suicide);
    expect(currentPlan([suicide, health], 99)).toBe(suicide);
  });

  it('is null without a plan to work on', () => {
    expect(currentPlan([], 1)).toBeNull();
    expect(currentPlan([archived], 3)).toBeNull();
  });
});

describe('activePlans', () => {
  it('leaves out archived plans and keeps the order', () => {
    expect(activePlans([archived, health, suicide])).toEqual([health, suicide]);
  });
});
