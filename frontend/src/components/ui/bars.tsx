// Bar charts drawn with plain elements: no chart library, nothing to download. The bars are pictures of numbers
// that are written out next to them (or in the same table row), so they are hidden from screen readers, which
// read the numbers instead.

export function PercentBar({ percent, className = 'bg-blue-900' }: { percent: number; className?: string }) {
  const width = Math.max(0, Math.min(100, percent));
  return (
    <div
      aria-hidden="true"
      className="h-4 w-full min-w-24 overflow-hidden rounded-4 border border-solid-gray-600 bg-white"
    >
      <div className={`h-full ${className}`} style={{ width: `${width}%` }} />
    </div>
  );
}

export type Segment = { key: string; count: number; className: string };

/** One bar split into coloured parts, each as wide as its share of the total. */
export function StackedBar({ segments }: { segments: Segment[] }) {
  const total = segments.reduce((n, s) => n + s.count, 0);
  return (
    <div
      aria-hidden="true"
      className="flex h-5 w-full min-w-40 overflow-hidden rounded-4 border border-solid-gray-600 bg-white"
    >
      {total > 0 &&
        segments
          .filter((s) => s.count > 0)
          .map((s) => (
            <div key={s.key} className={`h-full ${s.className}`} style={{ width: `${(s.count / total) * 100}%` }} />
          ))}
    </div>
  );
}

/** The key to a StackedBar's colours (also hidden: the table's column headers name the same things). */
export function Legend({ items }: { items: { key: string; label: string; className: string }[] }) {
  return (
    <ul aria-hidden="true" className="flex flex-wrap gap-x-4 gap-y-1 text-dns-14N-130">
      {items.map((item) => (
        <li key={item.key} className="flex items-center gap-1">
          <span className={`inline-block size-3 rounded-4 border border-solid-gray-600 ${item.className}`} />
          {item.label}
        </li>
      ))}
    </ul>
  );
}
