import { errorMessage } from '@/lib/api-error';
import { formatTime } from '@/lib/dates';
import { messages } from '@/lib/messages';
import type { EditState } from '../utils/edit-session';

const text = messages.reportEditor.status;

/** What autosave is doing, in a live region so screen readers hear 「保存しました」 without leaving the text. */
export function SaveStatusLine({ state }: { state: EditState }) {
  const { status, conflict } = state;
  let line: { text: string; tone: 'plain' | 'ok' | 'error' } | null = null;
  if (conflict) line = { text: text.paused, tone: 'error' };
  else if (status.kind === 'dirty') line = { text: text.dirty, tone: 'plain' };
  else if (status.kind === 'saving') line = { text: messages.saving, tone: 'plain' };
  else if (status.kind === 'saved') line = { text: text.saved(formatTime(status.at)), tone: 'ok' };
  else if (status.kind === 'error') line = { text: text.failed(errorMessage(status.error)), tone: 'error' };
  const tone = line?.tone === 'error' ? 'text-error-2' : line?.tone === 'ok' ? 'text-success-2' : 'text-solid-gray-700';
  return (
    <p role="status" className={`min-h-7 text-std-16B-170 ${tone}`} data-testid="save-status">
      {line?.text}
    </p>
  );
}
