import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { endSession, getSession, startSession } from '@/lib/session';
import { planTree, tokenPair } from '@/testing/fixtures';
import { renderWithApp } from '@/testing/render';
import type { Plan } from '../utils/current-plan';
import { PlanSwitcher } from './plan-switcher';

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

const suicide: Plan = planTree.plan;
const health: Plan = { ...planTree.plan, id: 2, name: '健康増進計画' };
const archived: Plan = { ...planTree.plan, id: 3, name: '第1次自殺対策計画', archived_at: '2024-04-01T00:00:00Z' };

function fakeServer(plans: Plan[], choose: () => Response = () => new Response(null, { status: 204 })) {
  const requests: { method: string; path: string; body: unknown }[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (request: Request) => {
      const path = new URL(request.url).pathname;
      const text = await request.text();
      requests.push({ method: request.method, path, body: text ? JSON.parse(text) : undefined });
      if (request.method === 'GET' && path === '/api/v1/plans')
        return json(200, { items: plans, total: plans.length, page: 1, per_page: 100 });
      if (request.method === 'PUT' && path === '/api/v1/me/plan') return choose();
      return json(404, { type: 'about:blank', title: 'Not Found', status: 404, code: 'not_found', detail: 'なし' });
    }),
  );
  return requests;
}

const chosen = () => {
  const session = getSession();
  return session.status === 'signed-in' ? session.user.current_plan_id : undefined;
};

beforeEach(() => {
  endSession({ expired: false });
  startSession(tokenPair(1, { current_plan_id: null }));
});

describe('PlanSwitcher', () => {
  it('offers the plans that are not archived, starting on the first, and switches with 切り替える', async () => {
    const requests = fakeServer([suicide, health, archived]);
    const onSwitch = vi.fn();
    renderWithApp(<PlanSwitcher onSwitch={onSwitch} />);

    const select = await screen.findByRole('combobox', { name: '計画' });
    expect(select).toHaveValue('1');
    expect(screen.getAllByRole('option').map((o) => o.textContent)).toEqual(['第2次自殺対策推進計画', '健康増進計画']);
    expect(screen.getByRole('button', { name: '切り替える' })).toBeDisabled();

    // Choosing alone changes nothing (arrow keys walk through the options); the button applies it.
    await userEvent.selectOptions(select, '2');
    expect(requests.filter((r) => r.method === 'PUT')).toEqual([]);
    await userEvent.click(screen.getByRole('button', { name: '切り替える' }));

    expect(chosen()).toBe(2);
    expect(onSwitch).toHaveBeenCalledWith(health);
    await vi.waitFor(() =>
      expect(requests.filter((r) => r.method === 'PUT')).toEqual([
        { method: 'PUT', path: '/api/v1/me/plan', body: { plan_id: 2 } },
      ]),
    );
    expect(screen.getByRole('combobox', { name: '計画' })).toHaveValue('2');
  });

  it('starts on the plan the user chose last, and puts it back when the server refuses a switch', async () => {
    startSession(tokenPair(2, { current_plan_id: 2 }));
    fakeServer([suicide, health], () =>
      json(422, {
        type: 'about:blank',
        title: 'Unprocessable Entity',
        status: 422,
        code: 'validation_failed',
        detail: '入力内容に誤りがあります。',
        errors: [{ field: 'plan_id', code: 'not_found', message: '指定された計画はありません。' }],
      }),
    );
    renderWithApp(<PlanSwitcher />);

    const select = await screen.findByRole('combobox', { name: '計画' });
    expect(select).toHaveValue('2');
    await userEvent.selectOptions(select, '1');
    await userEvent.click(screen.getByRole('button', { name: '切り替える' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('入力内容に誤りがあります。');
    expect(chosen()).toBe(2);
    expect(screen.getByRole('combobox', { name: '計画' })).toHaveValue('2');
  });

  it('names the one plan without a choice', async () => {
    fakeServer([suicide, archived]);
    renderWithApp(<PlanSwitcher />);
    expect(await screen.findByText('あきる野市 第2次自殺対策推進計画')).toBeInTheDocument();
    expect(screen.queryByRole('combobox')).not.toBeInTheDocument();
  });
});
