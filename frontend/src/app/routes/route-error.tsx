import { ErrorAlert } from '@/components/ui/alert';

// Shown by the router when rendering a screen throws: a message instead of a blank page. The error itself is
// not shown (ErrorAlert only reads API errors) because it would mean nothing to the person using the app.
export function RouteError() {
  return (
    <main className="mx-auto max-w-3xl p-6">
      <ErrorAlert error={null} />
    </main>
  );
}
