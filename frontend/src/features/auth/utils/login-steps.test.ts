import { describe, expect, it } from 'vitest';
import { ApiError } from '@/lib/api-error';
import { classifyLoginFailure, normalizeSecondFactor } from './login-steps';

const refused = (status: number, code: string) =>
  new ApiError(status, { type: 'about:blank', title: 'x', status, code, detail: '…' }, '…');

describe('classifyLoginFailure', () => {
  it('leads to the second step on 401 mfa_required, in either step', () => {
    expect(classifyLoginFailure(refused(401, 'mfa_required'), false)).toBe('second-step');
    expect(classifyLoginFailure(refused(401, 'mfa_required'), true)).toBe('second-step');
  });

  it('reads invalid_credentials as a wrong code only in the second step', () => {
    expect(classifyLoginFailure(refused(401, 'invalid_credentials'), true)).toBe('wrong-code');
    expect(classifyLoginFailure(refused(401, 'invalid_credentials'), false)).toBe('error');
  });

  it('leaves everything else to the server’s message', () => {
    expect(classifyLoginFailure(refused(429, 'too_many_requests'), true)).toBe('error');
    expect(classifyLoginFailure(refused(422, 'validation_failed'), false)).toBe('error');
    expect(classifyLoginFailure(new Error('network'), true)).toBe('error');
  });
});

describe('normalizeSecondFactor', () => {
  it('accepts 6 digits, with spaces between groups or typed full-width', () => {
    expect(normalizeSecondFactor('123456', 'app')).toBe('123456');
    expect(normalizeSecondFactor(' 123 456 ', 'app')).toBe('123456');
    expect(normalizeSecondFactor('１２３４５６', 'app')).toBe('123456');
  });

  it('refuses app codes that cannot be right', () => {
    expect(normalizeSecondFactor('12345', 'app')).toBeNull();
    expect(normalizeSecondFactor('1234567', 'app')).toBeNull();
    expect(normalizeSecondFactor('12a456', 'app')).toBeNull();
    expect(normalizeSecondFactor('', 'app')).toBeNull();
  });

  it('passes a recovery code on as typed (trimmed), and refuses an empty one', () => {
    expect(normalizeSecondFactor(' abcd-efgh-jkmn ', 'recovery')).toBe('abcd-efgh-jkmn');
    expect(normalizeSecondFactor('   ', 'recovery')).toBeNull();
  });
});
