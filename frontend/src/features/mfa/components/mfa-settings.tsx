import { useState } from 'react';
import type { components } from '@/api/schema';
import { ErrorAlert, StatusNotice } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { isAdmin, useUser } from '@/lib/auth';
import { messages } from '@/lib/messages';
import { useBeginMfaEnrolment } from '../api/begin-enrolment';
import { MfaDisableForm } from './mfa-disable-form';
import { MfaEnrolmentSteps } from './mfa-enrolment-steps';
import { RecoveryCodes } from './recovery-codes';

type MfaEnrolment = components['schemas']['MfaEnrolment'];

const text = messages.mfa;

type Phase = { kind: 'idle' } | { kind: 'enrolling'; enrolment: MfaEnrolment } | { kind: 'codes'; codes: string[] };

/**
 * 二要素認証 of the signed-in account: its state; enrolment (QR code and secret, a code to confirm, then the
 * recovery codes once); switching it off with a code.
 */
export function MfaSettings() {
  const user = useUser();
  const admin = isAdmin(user);
  const begin = useBeginMfaEnrolment();
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const [notice, setNotice] = useState<string | null>(null);

  function start() {
    setNotice(null);
    begin.mutate(undefined, { onSuccess: (enrolment) => setPhase({ kind: 'enrolling', enrolment }) });
  }

  let body;
  if (phase.kind === 'codes') {
    body = (
      <RecoveryCodes
        codes={phase.codes}
        loginId={user.login_id}
        onDone={() => {
          setPhase({ kind: 'idle' });
          setNotice(text.activated);
        }}
      />
    );
  } else if (phase.kind === 'enrolling') {
    body = (
      <MfaEnrolmentSteps
        enrolment={phase.enrolment}
        onActivated={(codes) => setPhase({ kind: 'codes', codes })}
        onCancel={() => setPhase({ kind: 'idle' })}
      />
    );
  } else if (user.mfa_enabled) {
    body = (
      <>
        <p>{text.enabledLead}</p>
        <MfaDisableForm admin={admin} onDisabled={() => setNotice(text.disabledNotice)} />
      </>
    );
  } else {
    body = (
      <>
        {begin.isError && <ErrorAlert error={begin.error} />}
        <div>
          <Button onClick={start} disabled={begin.isPending}>
            {begin.isPending ? text.starting : text.start}
          </Button>
        </div>
      </>
    );
  }

  return (
    <section aria-labelledby="mfa-title">
      <h2 id="mfa-title" className="mb-4 text-std-24B-150 text-solid-gray-900">
        {text.title}
      </h2>
      <StatusNotice>{notice}</StatusNotice>
      <div className="flex flex-col gap-4">
        <p>{text.lead}</p>
        <p className="flex items-center gap-2">
          <span className="text-std-16B-170">{text.statusLabel}</span>
          <Badge tone={user.mfa_enabled ? 'green' : 'gray'}>{user.mfa_enabled ? text.enabled : text.disabled}</Badge>
        </p>
        {admin && !user.mfa_enabled && phase.kind !== 'codes' && (
          <p className="rounded-8 border-2 border-yellow-700 bg-yellow-50 px-4 py-3">{text.policy}</p>
        )}
        {body}
      </div>
    </section>
  );
}
