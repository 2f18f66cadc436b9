import { useState } from 'react';
import { StatusNotice } from '@/components/ui/alert';
import { PageTitle } from '@/components/ui/page-title';
import { ChangePasswordForm } from '@/features/auth/components/change-password-form';
import { MfaSettings } from '@/features/mfa/components/mfa-settings';
import { messages } from '@/lib/messages';

const text = messages.account;

/** アカウント設定: the signed-in user's two-factor authentication and password. */
export function AccountRoute() {
  const [passwordNotice, setPasswordNotice] = useState<string | null>(null);
  return (
    <>
      <PageTitle title={text.title}>{text.title}</PageTitle>
      <p>{text.lead}</p>
      <MfaSettings />
      <section aria-labelledby="account-password" className="max-w-lg">
        <h2 id="account-password" className="mb-4 text-std-24B-150 text-solid-gray-900">
          {text.password}
        </h2>
        <StatusNotice>{passwordNotice}</StatusNotice>
        <ChangePasswordForm onSuccess={() => setPasswordNotice(messages.changePassword.changed)} />
      </section>
    </>
  );
}
