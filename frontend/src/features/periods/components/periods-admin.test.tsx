import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { endSession, startSession } from '@/lib/session';
import { period, tokenPair } from '@/testing/fixtures';
import { renderWithApp } from '@/testing/render';
import { PeriodsAdmin } from './periods-admin';

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

const open = period({ id: 2, state: 'open', opens_on: '2026-11-30', deadline: '2026-12-14' });
const published = period({
  id: 1,
  state: 'published',
  kind: 'first_half',
  label: '令和7年度 9月末',
  as_of: '2025-09-30',
  opens_on: '2025-10-01',
  deadline: '2025-10-20',
});

function fakeServer(editionAnswer: () => Response) {
  const requests: { method: string; path: string; body: unknown }[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (request: Request) => {
      const path = new URL(request.url).pathname;
      const text = await request.text();
      const body: unknown = text ? JSON.parse(text) : undefined;
      requests.push({ method: request.method, path, body });
      if (request.method === 'GET' && path === '/api/v1/plans/1/periods') return json(200, [open, published]);
      if (request.method === 'GET' && path.endsWith('/editions')) return json(200, []);
      if (request.method === 'PATCH' && path === '/api/v1/periods/2')
        return json(200, { ...open, ...(body as object) });
      if (request.method === 'POST' && path === '/api/v1/periods/1/editions') return editionAnswer();
      return json(404, { type: 'about:blank', title: 'Not Found', status: 404, code: 'not_found', detail: 'なし' });
    }),
  );
  return requests;
}

beforeEach(() => {
  endSession({ expired: false });
  startSession(tokenPair(1, { role: 'admin', department: null }));
});

describe('PeriodsAdmin', () => {
  it('changes a period’s deadline, sending only what changed', async () => {
    const requests = fakeServer(() => json(500, {}));
    renderWithApp(<PeriodsAdmin planId={1} editionHref={(id) => `/public/editions/${id}`} />);

    await userEvent.click(await screen.findByRole('button', { name: /日程を変更（令和7年度 3月末/ }));
    const form = within(screen.getByRole('form', { name: /日程の変更/ }));
    const deadline = form.getByLabelText(/^締切日/);
    expect(deadline).toHaveValue('2026-12-14');
    await userEvent.clear(deadline);
    await userEvent.type(deadline, '2026-12-21');
    await userEvent.click(form.getByRole('button', { name: '日程を変更する' }));

    expect(await screen.findByText('「令和7年度 3月末（年間）」の日程を変更しました。')).toBeInTheDocument();
    expect(requests.find((r) => r.method === 'PATCH')).toEqual({
      method: 'PATCH',
      path: '/api/v1/periods/2',
      body: { deadline: '2026-12-21' },
    });
    // A published period's dates cannot change: no button for it.
    expect(screen.queryByRole('button', { name: /日程を変更（令和7年度 9月末/ })).not.toBeInTheDocument();
  });

  it('publishes a new edition only with a note, and shows the server’s reason when nothing changed', async () => {
    const requests = fakeServer(() =>
      json(409, {
        type: 'about:blank',
        title: 'Conflict',
        status: 409,
        code: 'conflict',
        detail: '進行管理表は第1版から変わっていません。',
      }),
    );
    vi.spyOn(window, 'confirm').mockReturnValue(true);
    renderWithApp(<PeriodsAdmin planId={1} editionHref={(id) => `/public/editions/${id}`} />);

    await userEvent.click(await screen.findByRole('button', { name: /新しい版を公表（令和7年度 9月末/ }));
    await userEvent.click(screen.getByRole('button', { name: '新しい版を公表する' }));
    expect(screen.getByLabelText(/^公表の理由/)).toHaveAccessibleDescription(
      expect.stringContaining('公表の理由を入力してください。'),
    );
    expect(requests.filter((r) => r.method === 'POST')).toHaveLength(0);

    await userEvent.type(screen.getByLabelText(/^公表の理由/), '担当課の名称変更を反映');
    await userEvent.click(screen.getByRole('button', { name: '新しい版を公表する' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('進行管理表は第1版から変わっていません。');
    expect(requests.find((r) => r.method === 'POST')?.body).toEqual({ note: '担当課の名称変更を反映' });
  });
});
