import type { ReactNode } from 'react';

// Colours keep a contrast of at least 4.5:1 between text and background (the design system's 1100 shades on
// their 50 shades), and a border, so the badge reads in high-contrast modes too. The text says it all: colour
// is never the only signal.
const tones = {
  gray: 'border-solid-gray-600 bg-solid-gray-50 text-solid-gray-800',
  blue: 'border-blue-900 bg-blue-50 text-blue-1100',
  red: 'border-red-900 bg-red-50 text-red-1100',
  green: 'border-green-900 bg-green-50 text-green-1100',
  yellow: 'border-yellow-1000 bg-yellow-50 text-yellow-1100',
} as const;

export type BadgeTone = keyof typeof tones;

export function Badge({ tone, children }: { tone: BadgeTone; children: ReactNode }) {
  return (
    <span className={`inline-block rounded-4 border px-2 text-oln-14B-100 leading-6 whitespace-nowrap ${tones[tone]}`}>
      {children}
    </span>
  );
}
