// Small helpers of the enrolment screen.

/** The base32 secret in groups of 4 for typing by hand: `ABCD EFGH IJKL …`. */
export function groupSecret(secret: string): string {
  return (secret.replace(/\s+/g, '').match(/.{1,4}/g) ?? []).join(' ');
}

/**
 * The QR code (an SVG document from our own server) as a data: address for an <img>: an image cannot run
 * scripts or reach the page, so nothing in the string is trusted, and the Content-Security-Policy allows data:
 * images (img-src 'self' data:).
 */
export function svgDataUrl(svg: string): string {
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}

/** The recovery codes as a small text file or print page: a heading, the codes one per line, a note. */
export function recoveryCodesText(heading: string, codes: string[], note: string): string {
  return [heading, '', ...codes.map((c, i) => `${String(i + 1).padStart(2, ' ')}. ${c}`), '', note, ''].join('\r\n');
}

const escapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => escapes[c]!);
}

/** A print page of the recovery codes (for the hidden print frame; no scripts, no outside resources). */
export function recoveryCodesHtml(heading: string, codes: string[], note: string): string {
  const items = codes.map((c) => `<li>${escapeHtml(c)}</li>`).join('');
  return `<!doctype html><html lang="ja"><head><meta charset="utf-8"><title>${escapeHtml(heading)}</title><style>body{font-family:sans-serif;margin:2rem}ol{font-family:monospace;font-size:14pt;line-height:2}</style></head><body><h1 style="font-size:16pt">${escapeHtml(heading)}</h1><ol>${items}</ol><p>${escapeHtml(note)}</p></body></html>`;
}
