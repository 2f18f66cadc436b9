/**
 * A 6-digit authenticator-app code as people type it (spaces between the groups, full-width digits from a
 * Japanese input method), or null when it cannot be one.
 */
export function normalizeAppCode(input: string): string | null {
  const digits = input
    .replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\s\u3000-]/g, '');
  return /^\d{6}$/.test(digits) ? digits : null;
}
