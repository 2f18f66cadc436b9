import { describe, expect, it } from 'vitest';
import { report } from '@/testing/fixtures';
import { allows, readOnlyMessage } from './read-only';

describe('read-only', () => {
  it('says nothing while the server allows editing', () => {
    const editable = report();
    expect(readOnlyMessage(editable)).toBeNull();
    expect(allows(editable, 'save')).toBe(true);
    expect(allows(editable, 'approve')).toBe(false);
  });

  it('says the reason the server gives, in Japanese', () => {
    const submitted = report({ state: 'submitted', allowed_actions: [], read_only_reason: 'submitted' });
    expect(readOnlyMessage(submitted)).toBe('この報告は提出済みです。事務局の確認をお待ちください。');
    expect(readOnlyMessage(report({ allowed_actions: [], read_only_reason: 'not_owner' }))).toContain('担当課ではない');
    expect(readOnlyMessage(report({ allowed_actions: [], read_only_reason: 'period_closed' }))).toContain(
      '締め切られた',
    );
  });
});
