import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { ReorderList } from './reorder-list';

type Item = { id: number; title: string };

const start: Item[] = [
  { id: 11, title: '地域におけるネットワークの強化' },
  { id: 12, title: '自殺対策を支える人材の育成' },
  { id: 13, title: '住民への啓発と周知' },
];

/** Measures numbered by position, as the server renumbers them; `save` stands for the API call. */
function Measures({ save }: { save: (ids: number[]) => Promise<unknown> }) {
  const [items, setItems] = useState(start);
  return (
    <ReorderList
      items={items}
      getId={(m) => m.id}
      label={(_m, index) => `基本施策${index + 1}`}
      onReorder={async (ids) => {
        await save(ids);
        setItems(ids.map((id) => items.find((m) => m.id === id)!));
      }}
      listLabel="基本施策の一覧"
      idPrefix="test"
      renderItem={(m, index, controls) => (
        <div>
          <span>
            基本施策{index + 1} {m.title}
          </span>
          {controls}
        </div>
      )}
    />
  );
}

const titles = () => screen.getAllByRole('listitem').map((li) => li.querySelector('span')?.textContent);

describe('ReorderList', () => {
  it('moves an item down with Enter, keeps the focus on its button and announces where it went', async () => {
    const save = vi.fn(() => Promise.resolve());
    const user = userEvent.setup();
    render(<Measures save={save} />);

    const down = screen.getByRole('button', { name: '基本施策1を下へ移動' });
    down.focus();
    await user.keyboard('{Enter}');

    expect(titles()).toEqual([
      '基本施策1 自殺対策を支える人材の育成',
      '基本施策2 地域におけるネットワークの強化',
      '基本施策3 住民への啓発と周知',
    ]);
    // The same item's button keeps the focus; its name follows the new number.
    expect(await screen.findByRole('button', { name: '基本施策2を下へ移動' })).toHaveFocus();
    expect(screen.getByRole('status')).toHaveTextContent(
      '「基本施策1」を3件中2番目に移動しました（基本施策2になりました）。',
    );
    expect(save).toHaveBeenCalledWith([12, 11, 13]);
  });

  it('moves an item up with Space, twice in a row, and saves each order in turn', async () => {
    const save = vi.fn(() => Promise.resolve());
    const user = userEvent.setup();
    render(<Measures save={save} />);

    screen.getByRole('button', { name: '基本施策3を上へ移動' }).focus();
    await user.keyboard(' ');
    expect(screen.getByRole('button', { name: '基本施策2を上へ移動' })).toHaveFocus();
    await user.keyboard(' ');

    expect(titles()).toEqual([
      '基本施策1 住民への啓発と周知',
      '基本施策2 地域におけるネットワークの強化',
      '基本施策3 自殺対策を支える人材の育成',
    ]);
    expect(screen.getByRole('button', { name: '基本施策1を上へ移動' })).toHaveFocus();
    await vi.waitFor(() => expect(save).toHaveBeenCalledTimes(2));
    expect(save).toHaveBeenNthCalledWith(1, [11, 13, 12]);
    expect(save).toHaveBeenNthCalledWith(2, [13, 11, 12]);
  });

  it('keeps the first item’s 上へ focusable and says it is already first', async () => {
    const save = vi.fn(() => Promise.resolve());
    const user = userEvent.setup();
    render(<Measures save={save} />);

    const up = screen.getByRole('button', { name: '基本施策1を上へ移動' });
    expect(up).toHaveAttribute('aria-disabled', 'true');
    expect(up).toBeEnabled();
    up.focus();
    await user.keyboard('{Enter}');

    expect(up).toHaveFocus();
    expect(screen.getByRole('status')).toHaveTextContent('「基本施策1」は先頭です。');
    expect(save).not.toHaveBeenCalled();
  });

  it('goes back to the saved order and says so when the save fails', async () => {
    const save = vi.fn(() => Promise.reject(new Error('offline')));
    const user = userEvent.setup();
    render(<Measures save={save} />);

    screen.getByRole('button', { name: '基本施策2を上へ移動' }).focus();
    await user.keyboard('{Enter}');

    expect(await screen.findByRole('alert')).toBeInTheDocument();
    expect(titles()).toEqual([
      '基本施策1 地域におけるネットワークの強化',
      '基本施策2 自殺対策を支える人材の育成',
      '基本施策3 住民への啓発と周知',
    ]);
    expect(screen.getByRole('status')).toHaveTextContent('並べ替えを保存できませんでした。元の順序に戻しました。');
  });

  it('works with the mouse as well', async () => {
    const save = vi.fn(() => Promise.resolve());
    const user = userEvent.setup();
    render(<Measures save={save} />);
    await user.click(screen.getByRole('button', { name: '基本施策2を下へ移動' }));
    expect(titles()[2]).toBe('基本施策3 自殺対策を支える人材の育成');
    expect(screen.getByRole('button', { name: '基本施策3を下へ移動' })).toHaveFocus();
  });
});
