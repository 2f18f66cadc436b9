// Files the API hands out (the table as Excel, CSV or a print page) need the bearer token, so a plain link cannot
// fetch them: they are fetched as a Blob through the API client and then saved or opened from memory.

import { unwrap } from './api-client';
import { messages } from './messages';

type BlobResult = { data?: Blob; error?: unknown; response: Response };

/**
 * The file name a `Content-Disposition` header offers: the UTF-8 `filename*` (the Japanese name) when present,
 * otherwise the plain `filename`, otherwise `fallback`.
 */
export function dispositionFilename(header: string | null, fallback: string): string {
  if (!header) return fallback;
  const extended = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(header);
  if (extended?.[1]) {
    try {
      return decodeURIComponent(extended[1].trim());
    } catch {
      // a malformed escape: fall through to the plain name
    }
  }
  const plain = /filename\s*=\s*"([^"]*)"|filename\s*=\s*([^;]+)/i.exec(header);
  return (plain?.[1] ?? plain?.[2])?.trim() || fallback;
}

export type DownloadedFile = { blob: Blob; filename: string };

/** Waits for a `parseAs: 'blob'` call and returns the file with its name, or throws the ApiError. */
export async function fetchFile(call: Promise<BlobResult>, fallbackName: string): Promise<DownloadedFile> {
  let response: Response | undefined;
  const blob = await unwrap(
    call.then((result) => {
      response = result.response;
      return result;
    }),
  );
  return { blob, filename: dispositionFilename(response?.headers.get('Content-Disposition') ?? null, fallbackName) };
}

/** Hands a file to the browser's download (the same as clicking a link to it). */
export function saveFile({ blob, filename }: DownloadedFile): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // The download has started from the URL by now; give the browser a moment before the memory is released.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * Prints an HTML page (the table's print layout) through a hidden frame, so the user gets the print dialog
 * without a new tab. The page goes in as `srcdoc`: the app's Content-Security-Policy (frame-src from
 * default-src 'self') refuses frames of blob: addresses. The frame stays until the next print, since some
 * browsers print asynchronously.
 */
export async function printHtml(blob: Blob): Promise<void> {
  const html = await blob.text();
  document.getElementById('print-frame')?.remove();
  const frame = document.createElement('iframe');
  frame.id = 'print-frame';
  frame.title = messages.printFrame;
  frame.setAttribute('aria-hidden', 'true');
  frame.tabIndex = -1;
  frame.style.position = 'fixed';
  frame.style.width = '0';
  frame.style.height = '0';
  frame.style.border = '0';
  frame.addEventListener('load', () => {
    frame.contentWindow?.focus();
    frame.contentWindow?.print();
  });
  frame.srcdoc = html;
  document.body.append(frame);
}
