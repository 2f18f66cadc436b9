import { describe, expect, it } from 'vitest';
import { auditChanges, valueText } from './audit-changes';

describe('auditChanges', () => {
  const before = { id: 73, progress: '前の文', evaluation: null, version: 3, state: 'draft' };
  const after = { id: 73, progress: '後の文', evaluation: 'S', version: 4, state: 'draft' };

  it('lists only the fields an update changed, in the row’s order', () => {
    expect(auditChanges(before, after)).toEqual([
      { field: 'progress', before: '前の文', after: '後の文', changed: true },
      { field: 'evaluation', before: null, after: 'S', changed: true },
      { field: 'version', before: '3', after: '4', changed: true },
    ]);
  });

  it('lists every field on request, marking the unchanged ones', () => {
    const all = auditChanges(before, after, true);
    expect(all).toHaveLength(5);
    expect(all.find((c) => c.field === 'state')).toEqual({
      field: 'state',
      before: 'draft',
      after: 'draft',
      changed: false,
    });
  });

  it('treats every field of an insert or a delete as changed', () => {
    expect(auditChanges(null, { id: 1, name: '健康課' })).toEqual([
      { field: 'id', before: null, after: '1', changed: true },
      { field: 'name', before: null, after: '健康課', changed: true },
    ]);
    expect(auditChanges({ id: 1 }, null)).toEqual([{ field: 'id', before: '1', after: null, changed: true }]);
  });

  it('writes nested values as JSON', () => {
    expect(valueText({ a: [1, 2] })).toBe('{"a":[1,2]}');
    expect(valueText(true)).toBe('true');
  });
});
