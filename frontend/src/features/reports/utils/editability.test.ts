import { describe, expect, it } from 'vitest';
import { report, tokenPair } from '@/testing/fixtures';
import { canSubmit, editability } from './editability';

const kenko = tokenPair(1).user; // editor of 健康課, an owner of the fixture's row
const shogai = tokenPair(1, { department: { id: 3, name: '障がい者支援課' } }).user;
const admin = tokenPair(1, { role: 'admin' }).user;
const viewer = tokenPair(1, { role: 'viewer', department: null }).user;

describe('editability', () => {
  it('lets an owning department write 下書き and 差戻し reports while the period is open', () => {
    expect(editability(report(), 'open', kenko)).toEqual({ editable: true });
    expect(editability(report({ state: 'returned' }), 'open', kenko)).toEqual({ editable: true });
    expect(canSubmit(report({ state: 'returned' }), 'open', kenko)).toBe(true);
  });

  it('says why a report is read-only', () => {
    expect(editability(report({ state: 'submitted' }), 'open', kenko)).toEqual({
      editable: false,
      reason: 'この報告は提出済みです。事務局の確認をお待ちください。',
    });
    expect(editability(report(), 'closed', kenko)).toMatchObject({
      editable: false,
      reason: expect.stringContaining('締め切られた'),
    });
    expect(editability(report(), 'open', shogai)).toMatchObject({
      editable: false,
      reason: expect.stringContaining('担当課ではない'),
    });
    expect(editability(report(), 'open', viewer)).toMatchObject({
      editable: false,
      reason: expect.stringContaining('閲覧者'),
    });
    expect(editability(report({ state: 'approved' }), 'open', admin)).toMatchObject({ editable: false });
  });

  it('lets the secretariat correct submitted reports and write while the period is closed', () => {
    expect(editability(report({ state: 'submitted' }), 'closed', admin)).toEqual({ editable: true });
    expect(canSubmit(report({ state: 'submitted' }), 'open', admin)).toBe(false);
  });
});
