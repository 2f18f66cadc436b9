import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { components } from '@/api/schema';
import { endSession, startSession } from '@/lib/session';
import { tokenPair } from '@/testing/fixtures';
import { renderWithApp } from '@/testing/render';
import { ApiTokensAdmin, type TokenPlan } from './api-tokens-admin';

type ApiToken = components['schemas']['ApiToken'];

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

const token = (id: number, name: string, planId: number | null): ApiToken => ({
  id,
  name,
  prefix: `shk_${id}`,
  scope: 'read',
  created_at: '2026-04-01T00:00:00Z',
  expires_at: '2099-04-01T00:00:00Z',
  plan_id: planId,
});

const plans: TokenPlan[] = [
  { id: 1, name: '第2次自殺対策推進計画', archived: false },
  { id: 2, name: '健康増進計画', archived: false },
  { id: 3, name: '第1次自殺対策計画', archived: true },
];

function fakeServer() {
  const posted: unknown[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (request: Request) => {
      const path = new URL(request.url).pathname;
      if (request.method === 'GET' && path === '/api/v1/api-tokens')
        return json(200, [token(1, '庁内ポータル連携', null), token(2, '健康ポータル', 2), token(3, '旧連携', 3)]);
      if (request.method === 'POST' && path === '/api/v1/api-tokens') {
        const body = JSON.parse(await request.text()) as { name: string; plan_id?: number };
        posted.push(body);
        return json(201, {
          token: token(4, body.name, body.plan_id ?? null),
          secret: 'shk_4_secret',
          expires_at: '2099-04-01T00:00:00Z',
        });
      }
      return json(404, { type: 'about:blank', title: 'Not Found', status: 404, code: 'not_found', detail: 'なし' });
    }),
  );
  return posted;
}

beforeEach(() => {
  endSession({ expired: false });
  startSession(tokenPair(1, { role: 'admin' }));
});

describe('ApiTokensAdmin', () => {
  it('shows the plan each token reads', async () => {
    fakeServer();
    renderWithApp(<ApiTokensAdmin plans={plans} />);
    const table = await screen.findByRole('table', { name: 'APIトークンの一覧' });
    expect(within(table).getByRole('row', { name: /庁内ポータル連携/ })).toHaveTextContent('すべての計画');
    expect(within(table).getByRole('row', { name: /健康ポータル/ })).toHaveTextContent('健康増進計画');
    expect(within(table).getByRole('row', { name: /旧連携/ })).toHaveTextContent('第1次自殺対策計画');
  });

  it('limits a new token to one plan, or to none', async () => {
    const posted = fakeServer();
    renderWithApp(<ApiTokensAdmin plans={plans} />);
    const form = within(await screen.findByRole('form', { name: 'APIトークンを作成' }));
    const select = form.getByLabelText('読み取れる計画');
    // Archived plans are not offered.
    expect(
      within(select)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['すべての計画', '第2次自殺対策推進計画', '健康増進計画']);
    await userEvent.type(form.getByLabelText(/^用途/), '健康ポータル2');
    await userEvent.selectOptions(select, '健康増進計画');
    await userEvent.click(form.getByRole('button', { name: '作成する' }));
    expect(await screen.findByTestId('api-token-secret')).toHaveTextContent('shk_4_secret');

    // (user-event does not see the form's reset: clear the field as a person would find it, empty.)
    await userEvent.clear(form.getByLabelText(/^用途/));
    await userEvent.type(form.getByLabelText(/^用途/), '全体連携');
    expect(select).toHaveValue('');
    // Drafts and history only when asked for.
    await userEvent.click(form.getByLabelText('承認前の報告とその履歴も読み取る'));
    await userEvent.click(form.getByRole('button', { name: '作成する' }));
    await vi.waitFor(() => expect(posted).toHaveLength(2));
    expect(posted).toEqual([
      { name: '健康ポータル2', expires_in_days: 90, plan_id: 2, include_drafts: false },
      { name: '全体連携', expires_in_days: 90, include_drafts: true },
    ]);
  });
});
