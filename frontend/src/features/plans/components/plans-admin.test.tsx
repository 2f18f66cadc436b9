import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { endSession, startSession } from '@/lib/session';
import { planTree, tokenPair } from '@/testing/fixtures';
import { renderWithApp } from '@/testing/render';
import type { Plan } from '../utils/current-plan';
import { PlansAdmin } from './plans-admin';

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

const suicide: Plan = { ...planTree.plan, first_fiscal_year: 2024, last_fiscal_year: 2028 };
const old: Plan = {
  ...planTree.plan,
  id: 3,
  name: '第1次自殺対策計画',
  first_fiscal_year: 2019,
  last_fiscal_year: 2023,
  archived_at: '2024-04-01T00:00:00Z',
};

function fakeServer(create: (body: Record<string, unknown>) => Response) {
  const requests: { method: string; path: string; body: unknown }[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (request: Request) => {
      const path = new URL(request.url).pathname;
      const text = await request.text();
      const body = (text ? JSON.parse(text) : undefined) as Record<string, unknown>;
      requests.push({ method: request.method, path, body });
      if (request.method === 'GET' && path === '/api/v1/plans')
        return json(200, { items: [suicide, old], total: 2, page: 1, per_page: 100 });
      if (request.method === 'POST' && path === '/api/v1/plans') return create(body);
      if (request.method === 'PATCH' && path === '/api/v1/plans/3') return json(200, { ...old, archived_at: null });
      return json(404, { type: 'about:blank', title: 'Not Found', status: 404, code: 'not_found', detail: 'なし' });
    }),
  );
  return requests;
}

beforeEach(() => {
  endSession({ expired: false });
  startSession(tokenPair(1, { role: 'admin' }));
});

describe('PlansAdmin', () => {
  it('lists the plans with their 計画期間 in 和暦 and their state', async () => {
    fakeServer(() => json(500, {}));
    renderWithApp(<PlansAdmin />);
    const table = await screen.findByRole('table', { name: '計画の一覧' });
    const current = within(table).getByRole('row', { name: /第2次自殺対策推進計画/ });
    expect(current).toHaveTextContent('あきる野市');
    expect(current).toHaveTextContent('令和6〜10年度');
    expect(current).toHaveTextContent('利用中');
    const archived = within(table).getByRole('row', { name: /第1次自殺対策計画/ });
    expect(archived).toHaveTextContent('令和元〜5年度');
    expect(archived).toHaveTextContent('アーカイブ済み');
    expect(within(archived).getByRole('button', { name: 'アーカイブを解除（第1次自殺対策計画）' })).toBeInTheDocument();
  });

  it('adds a plan, and shows the server’s messages next to the fields it names', async () => {
    let refuse = true;
    const requests = fakeServer((body) =>
      refuse
        ? json(422, {
            type: 'about:blank',
            title: 'Unprocessable Entity',
            status: 422,
            code: 'validation_failed',
            detail: '入力内容に誤りがあります。',
            errors: [{ field: 'last_fiscal_year', code: 'invalid', message: '最終年度は初年度以降にしてください。' }],
          })
        : json(201, { ...planTree.plan, id: 2, ...body }),
    );
    renderWithApp(<PlansAdmin />);
    const form = within(await screen.findByRole('form', { name: '計画を追加' }));
    await userEvent.type(form.getByLabelText(/^自治体/), 'あきる野市');
    await userEvent.type(form.getByLabelText(/^計画名/), '健康増進計画');
    await userEvent.selectOptions(form.getByLabelText('計画期間（初年度）'), '令和6年度（2024年度）');
    await userEvent.selectOptions(form.getByLabelText('計画期間（最終年度）'), '令和5年度（2023年度）');
    await userEvent.click(form.getByRole('button', { name: '追加する' }));

    const last = form.getByLabelText('計画期間（最終年度）');
    expect(await form.findByText('最終年度は初年度以降にしてください。')).toBeInTheDocument();
    expect(last).toHaveAttribute('aria-invalid', 'true');
    expect(last).toHaveAccessibleDescription('最終年度は初年度以降にしてください。');

    refuse = false;
    await userEvent.selectOptions(last, '令和10年度（2028年度）');
    await userEvent.click(form.getByRole('button', { name: '追加する' }));
    expect(await screen.findByText('計画「健康増進計画」を追加しました。')).toBeInTheDocument();
    // The 表題 was left empty: the server gives its usual one.
    expect(requests.filter((r) => r.method === 'POST').at(-1)?.body).toEqual({
      municipality: 'あきる野市',
      name: '健康増進計画',
      first_fiscal_year: 2024,
      last_fiscal_year: 2028,
    });
  });

  it('takes an archived plan back', async () => {
    const requests = fakeServer(() => json(500, {}));
    renderWithApp(<PlansAdmin />);
    await userEvent.click(await screen.findByRole('button', { name: 'アーカイブを解除（第1次自殺対策計画）' }));
    expect(await screen.findByText('計画「第1次自殺対策計画」のアーカイブを解除しました。')).toBeInTheDocument();
    expect(requests.find((r) => r.method === 'PATCH')).toEqual({
      method: 'PATCH',
      path: '/api/v1/plans/3',
      body: { archived: false },
    });
  });
});
