import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ApiError } from '@/lib/api-error';
import { renderWithApp } from '@/testing/render';
import { ErrorAlert, MfaEnrolmentHrefContext } from './alert';

const refused = (code: string, detail: string) =>
  new ApiError(403, { type: 'about:blank', title: 'Forbidden', status: 403, code, detail }, detail);

describe('ErrorAlert', () => {
  it('leads to the enrolment screen when an admin action needs two-factor authentication', () => {
    renderWithApp(
      <MfaEnrolmentHrefContext value="/account">
        <ErrorAlert error={refused('mfa_enrolment_required', '管理者の操作には二要素認証の登録が必要です。')} />
      </MfaEnrolmentHrefContext>,
    );
    expect(screen.getByRole('alert')).toHaveTextContent('管理者の操作には二要素認証の登録が必要です。');
    expect(screen.getByRole('link', { name: 'アカウント設定で二要素認証を登録する' })).toHaveAttribute(
      'href',
      '/account',
    );
  });

  it('shows other refusals without the link', () => {
    renderWithApp(
      <MfaEnrolmentHrefContext value="/account">
        <ErrorAlert error={refused('forbidden', 'この操作の権限がありません。')} />
      </MfaEnrolmentHrefContext>,
    );
    expect(screen.getByRole('alert')).toHaveTextContent('この操作の権限がありません。');
    expect(screen.queryByRole('link')).not.toBeInTheDocument();
  });
});
