import { describe, expect, it } from 'vitest';
import { changedFields } from './changes';

describe('changedFields', () => {
  it('keeps only the fields whose value changed', () => {
    expect(changedFields({ name: '健康課', active: true }, { name: '健康推進課', active: true })).toEqual({
      name: '健康推進課',
    });
  });

  it('reports nothing when nothing changed', () => {
    expect(changedFields({ role: 'editor', department_id: 3 }, { role: 'editor', department_id: 3 })).toEqual({});
  });

  it('treats a missing current value as null, so clearing an absent field is no change', () => {
    expect(changedFields<{ department_id: number | null }>({}, { department_id: null })).toEqual({});
  });

  it('keeps a change to null, which the API reads as "remove"', () => {
    expect(changedFields<{ table_title: string | null }>({ table_title: '長い表題' }, { table_title: null })).toEqual({
      table_title: null,
    });
  });
});
