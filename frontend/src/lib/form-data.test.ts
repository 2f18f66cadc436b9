import { describe, expect, it } from 'vitest';
import { formText } from './form-data';

describe('formText', () => {
  it('reads a text field as submitted, and a missing field or a file as empty', () => {
    const form = new FormData();
    form.set('name', ' 健康推進課 ');
    form.set('file', new File(['x'], 'plan.xlsx'));
    expect(formText(form, 'name')).toBe(' 健康推進課 ');
    expect(formText(form, 'missing')).toBe('');
    expect(formText(form, 'file')).toBe('');
  });
});
