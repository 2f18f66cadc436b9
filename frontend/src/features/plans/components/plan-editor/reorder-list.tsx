import { useEffect, useRef, useState, type ReactNode } from 'react';
import { ErrorAlert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { messages } from '@/lib/messages';

const text = messages.planStructure;

type Direction = 'up' | 'down';

export type ReorderListProps<T> = {
  items: T[];
  getId: (item: T) => number;
  /**
   * The item's name at a position, for the buttons' names and the announcement: 基本施策2, 取組の方向②, 健康相談.
   * `renumbered` is true while the list shows an order the server has not confirmed yet (numbers follow positions).
   */
  label: (item: T, index: number, renumbered: boolean) => string;
  /** Saves the new order (every id); the list shows it at once and goes back to the old one if this fails. */
  onReorder: (ids: number[]) => Promise<unknown> | void;
  /** One list item's content; `controls` are its 上へ / 下へ buttons, to place where they fit. */
  renderItem: (item: T, index: number, controls: ReactNode, renumbered: boolean) => ReactNode;
  /** Names the list for screen readers: 基本施策の一覧. */
  listLabel: string;
  /** Makes the buttons' ids unique on the page. */
  idPrefix: string;
  className?: string;
};

/** The items in the order of `ids` when that names the same items, else in their own order. */
function ordered<T>(items: T[], getId: (item: T) => number, ids: number[] | null): T[] {
  if (!ids || ids.length !== items.length) return items;
  const byId = new Map(items.map((item) => [getId(item), item]));
  const result = ids.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : []));
  return result.length === items.length ? result : items;
}

/**
 * A list the secretariat puts in order with 「上へ」「下へ」 buttons, by keyboard as by mouse. Each button names its
 * item (「基本施策2を上へ移動」); after a move the focus stays on the same button of the moved item and a live region
 * says where it went. At the ends the buttons stay focusable (aria-disabled) and say that the item is first or
 * last, so the focus never drops. The new order shows at once; saves go out one after the other.
 */
export function ReorderList<T>({
  items,
  getId,
  label,
  onReorder,
  renderItem,
  listLabel,
  idPrefix,
  className = 'flex flex-col gap-4',
}: ReorderListProps<T>) {
  // The order shown while saves are under way; null once the server's order is the one shown.
  const [pendingOrder, setPendingOrder] = useState<number[] | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const [error, setError] = useState<unknown>(null);
  const focusId = useRef<string | null>(null);
  const chain = useRef<Promise<unknown>>(Promise.resolve());
  const inFlight = useRef(0);

  const shown = ordered(items, getId, pendingOrder);
  const renumbered = pendingOrder !== null && shown !== items;

  // After a move, put the focus back on the button that was pressed: React may have moved its element in the DOM,
  // which takes the focus away in some browsers.
  useEffect(() => {
    const id = focusId.current;
    if (!id) return;
    const element = document.getElementById(id);
    if (element) {
      focusId.current = null;
      if (document.activeElement !== element) element.focus();
    }
  });

  function move(item: T, direction: Direction) {
    const index = shown.indexOf(item);
    const target = direction === 'up' ? index - 1 : index + 1;
    const before = label(item, index, renumbered);
    if (target < 0 || target >= shown.length) {
      setAnnouncement(direction === 'up' ? text.atTop(before) : text.atBottom(before));
      return;
    }
    const next = [...shown];
    next.splice(index, 1);
    next.splice(target, 0, item);
    const ids = next.map(getId);
    setPendingOrder(ids);
    setError(null);
    setAnnouncement(text.moved(before, label(item, target, true), target + 1, next.length));
    focusId.current = `${idPrefix}-${getId(item)}-${direction}`;

    inFlight.current += 1;
    chain.current = chain.current
      .then(() => onReorder(ids))
      .then(
        () => {
          inFlight.current -= 1;
          // The last save is in and the list was read again: show the server's order from now on.
          if (inFlight.current === 0) setPendingOrder(null);
        },
        (e: unknown) => {
          inFlight.current -= 1;
          setPendingOrder(null);
          setError(e);
          setAnnouncement(text.reorderFailed);
        },
      );
  }

  return (
    <div>
      {error !== null && <ErrorAlert error={error} />}
      <p role="status" className="sr-only">
        {announcement}
      </p>
      <ol aria-label={listLabel} className={className}>
        {shown.map((item, index) => {
          const id = getId(item);
          const name = label(item, index, renumbered);
          const first = index === 0;
          const last = index === shown.length - 1;
          const controls = (
            <span className="inline-flex gap-2">
              <MoveButton
                id={`${idPrefix}-${id}-up`}
                name={text.moveUp(name)}
                atEnd={first}
                onClick={() => move(item, 'up')}
              >
                {text.up}
              </MoveButton>
              <MoveButton
                id={`${idPrefix}-${id}-down`}
                name={text.moveDown(name)}
                atEnd={last}
                onClick={() => move(item, 'down')}
              >
                {text.down}
              </MoveButton>
            </span>
          );
          return <li key={id}>{renderItem(item, index, controls, renumbered)}</li>;
        })}
      </ol>
    </div>
  );
}

function MoveButton({
  id,
  name,
  atEnd,
  onClick,
  children,
}: {
  id: string;
  name: string;
  atEnd: boolean;
  onClick: () => void;
  children: ReactNode;
}) {
  return (
    <Button
      id={id}
      variant="secondary"
      size="sm"
      aria-label={name}
      aria-disabled={atEnd || undefined}
      className="aria-disabled:border-solid-gray-420 aria-disabled:text-solid-gray-600 aria-disabled:hover:bg-white"
      onClick={onClick}
    >
      {children}
    </Button>
  );
}
