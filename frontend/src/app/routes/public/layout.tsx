import { Outlet } from 'react-router';
import { messages } from '@/lib/messages';

/** Pages anyone may read without signing in (公表版): the app's name, no menu, no session. */
export function PublicLayout() {
  return (
    <>
      <a
        href="#main"
        className="sr-only bg-yellow-300 px-4 py-2 text-solid-gray-900 focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-10"
      >
        {messages.skipToContent}
      </a>
      <header className="border-b-4 border-blue-900 bg-white">
        <div className="mx-auto max-w-7xl px-4 py-3">
          <p className="text-std-20B-150 text-blue-900">{messages.appName}</p>
          <p className="text-dns-16N-130 text-solid-gray-700">{messages.editions.title}</p>
        </div>
      </header>
      <main id="main" tabIndex={-1} className="mx-auto flex max-w-7xl flex-col gap-8 px-4 py-8 focus:outline-none">
        <Outlet />
      </main>
    </>
  );
}
