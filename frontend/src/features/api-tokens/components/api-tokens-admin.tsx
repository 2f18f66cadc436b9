import { useState, type FormEvent, type ReactNode } from 'react';
import type { components } from '@/api/schema';
import { ErrorAlert, Loading, StatusNotice } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { SelectField, TextField } from '@/components/ui/form-field';
import { ApiError } from '@/lib/api-error';
import { formatDateTime } from '@/lib/dates';
import { formText } from '@/lib/form-data';
import { messages } from '@/lib/messages';
import { useApiTokens, useCreateApiToken, useRevokeApiToken } from '../api/api-tokens';

type ApiToken = components['schemas']['ApiToken'];
type CreatedApiToken = components['schemas']['CreatedApiToken'];

/** A plan a token may be limited to; archived ones are named in the list but not offered for new tokens. */
export type TokenPlan = { id: number; name: string; archived: boolean };

const text = messages.apiTokens;
const planText = messages.apiTokenPlans;

/** The plan a token reads: すべての計画, or the one plan's name. */
function tokenPlanName(token: ApiToken, plans: TokenPlan[]): string {
  if (token.plan_id == null) return planText.all;
  return plans.find((p) => p.id === token.plan_id)?.name ?? planText.unknown(token.plan_id);
}
const cell = 'border-b border-solid-gray-420 px-3 py-2 text-left align-middle';

function tokenStatus(token: ApiToken, now: Date): { label: string; tone: 'green' | 'gray' | 'red' } {
  if (token.revoked_at) return { label: text.revoked, tone: 'red' };
  if (new Date(token.expires_at) <= now) return { label: text.expired, tone: 'gray' };
  return { label: text.active, tone: 'green' };
}

/** The secret of a token just created: shown once, with a button that copies it. */
function CreatedSecret({ created }: { created: CreatedApiToken }) {
  const [copied, setCopied] = useState<boolean | null>(null);
  async function copy() {
    try {
      await navigator.clipboard.writeText(created.secret);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  }
  return (
    <div className="flex flex-col gap-2">
      <p>{text.createdLead(created.token.name, formatDateTime(created.expires_at))}</p>
      <p className="flex flex-wrap items-center gap-3">
        <code
          data-testid="api-token-secret"
          className="rounded-4 border border-solid-gray-420 bg-white px-2 py-1 font-mono text-mono-16B-150 break-all select-all"
        >
          {created.secret}
        </code>
        <Button variant="secondary" size="sm" onClick={() => void copy()}>
          {text.copy}
        </Button>
      </p>
      {copied !== null && <p>{copied ? text.copied : text.copyFailed}</p>}
    </div>
  );
}

function CreateForm({ plans, onCreated }: { plans: TokenPlan[]; onCreated: (created: CreatedApiToken) => void }) {
  const create = useCreateApiToken();
  const fieldError = (f: string) => (create.error instanceof ApiError ? create.error.fieldError(f) : undefined);
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const target = event.currentTarget;
    const planId = formText(form, 'plan_id');
    create.mutate(
      {
        name: formText(form, 'name').trim(),
        expires_in_days: Number(form.get('expires_in_days')),
        ...(planId ? { plan_id: Number(planId) } : {}),
        include_drafts: form.get('include_drafts') === 'on',
      },
      {
        onSuccess: (created) => {
          target.reset();
          onCreated(created);
        },
      },
    );
  }
  return (
    <form onSubmit={submit} aria-labelledby="token-create" className="flex max-w-2xl flex-col gap-4">
      <h2 id="token-create" className="text-std-24B-150 text-solid-gray-900">
        {text.create}
      </h2>
      {create.isError && <ErrorAlert error={create.error} />}
      <TextField
        label={text.name}
        name="name"
        required
        maxLength={100}
        hint={text.nameHint}
        error={fieldError('name')}
      />
      <TextField
        label={text.expiresInDays}
        name="expires_in_days"
        type="number"
        min={1}
        max={366}
        defaultValue={90}
        required
        hint={text.expiresHint}
        error={fieldError('expires_in_days')}
      />
      <SelectField
        label={planText.label}
        name="plan_id"
        defaultValue=""
        hint={planText.hint}
        error={fieldError('plan_id')}
      >
        <option value="">{planText.all}</option>
        {plans
          .filter((p) => !p.archived)
          .map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
      </SelectField>
      <div className="flex flex-col gap-1">
        <label className="flex items-center gap-2 text-std-17N-170">
          <input type="checkbox" name="include_drafts" className="size-6 accent-blue-900" />
          {text.includeDrafts}
        </label>
        <p className="text-std-16N-170 text-solid-gray-700">{text.includeDraftsHint}</p>
      </div>
      <div>
        <Button type="submit" disabled={create.isPending}>
          {text.createSubmit}
        </Button>
      </div>
    </form>
  );
}

/**
 * APIトークン: read-only credentials for other systems, each for every plan or one; list, create (secret shown
 * once) and revoke. `plans` names the plans (the route reads them from the plans feature).
 */
export function ApiTokensAdmin({ plans }: { plans: TokenPlan[] }) {
  const tokens = useApiTokens();
  const revoke = useRevokeApiToken();
  const [notice, setNotice] = useState<ReactNode>(null);
  const now = new Date();

  function revokeToken(token: ApiToken) {
    if (!window.confirm(text.revokeConfirm(token.name))) return;
    revoke.mutate(token.id, { onSuccess: () => setNotice(text.revokedNotice(token.name)) });
  }

  return (
    <div>
      <StatusNotice>{notice}</StatusNotice>
      <div className="flex flex-col gap-10">
        {revoke.isError && <ErrorAlert error={revoke.error} />}
        {tokens.isPending ? (
          <Loading />
        ) : tokens.isError ? (
          <ErrorAlert error={tokens.error} />
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full min-w-[64rem] border-collapse">
              <caption className="text-left text-std-20B-150">{text.listCaption}</caption>
              <thead>
                <tr className="bg-solid-gray-50">
                  {[
                    text.name,
                    text.prefix,
                    planText.label,
                    text.scope,
                    text.createdAt,
                    text.expiresAt,
                    text.lastUsed,
                    text.status,
                    text.operations,
                  ].map((h) => (
                    <th key={h} scope="col" className={cell}>
                      {h}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {tokens.data.length === 0 && (
                  <tr>
                    <td colSpan={9} className={cell}>
                      {text.empty}
                    </td>
                  </tr>
                )}
                {tokens.data.map((t) => {
                  const status = tokenStatus(t, now);
                  return (
                    <tr key={t.id}>
                      <th scope="row" className={`${cell} text-std-16B-170`}>
                        {t.name}
                      </th>
                      <td className={`${cell} font-mono`}>{t.prefix}…</td>
                      <td className={cell}>{tokenPlanName(t, plans)}</td>
                      <td className={cell}>{t.scope === 'read_drafts' ? text.scopeDrafts : text.scopeRead}</td>
                      <td className={cell}>{formatDateTime(t.created_at)}</td>
                      <td className={cell}>{formatDateTime(t.expires_at)}</td>
                      <td className={cell}>{t.last_used_at ? formatDateTime(t.last_used_at) : text.neverUsed}</td>
                      <td className={cell}>
                        <Badge tone={status.tone}>{status.label}</Badge>
                      </td>
                      <td className={cell}>
                        {status.tone === 'green' && (
                          <Button
                            variant="tertiary"
                            size="sm"
                            disabled={revoke.isPending}
                            onClick={() => revokeToken(t)}
                          >
                            {text.revoke}
                            <span className="sr-only">{`（${t.name}）`}</span>
                          </Button>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
        <CreateForm plans={plans} onCreated={(created) => setNotice(<CreatedSecret created={created} />)} />
      </div>
    </div>
  );
}
