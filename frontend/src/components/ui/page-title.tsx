import { useEffect, useRef, type ReactNode } from 'react';
import { messages } from '@/lib/messages';

// Moves focus to the page's heading when a page opens, so after a client-side navigation keyboard and screen
// reader users start at the new content rather than on the link they just left. It also sets the tab title.
export function PageTitle({ children, title }: { children: ReactNode; title: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title}｜${messages.appName}`;
    ref.current?.focus();
  }, [title]);
  return (
    <h1 ref={ref} tabIndex={-1} className="text-std-32B-150 text-solid-gray-900 focus:outline-none">
      {children}
    </h1>
  );
}
