import { describe, expect, it } from 'vitest';
import { groupSecret, recoveryCodesHtml, recoveryCodesText, svgDataUrl } from './mfa';

describe('groupSecret', () => {
  it('splits the base32 secret into groups of 4 for typing', () => {
    expect(groupSecret('JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP')).toBe('JBSW Y3DP EHPK 3PXP JBSW Y3DP EHPK 3PXP');
    expect(groupSecret('ABCDEF')).toBe('ABCD EF');
    expect(groupSecret('')).toBe('');
  });
});

describe('svgDataUrl', () => {
  it('makes a data: image address that decodes to the same document', () => {
    const svg =
      '<svg xmlns="http://www.w3.org/2000/svg" aria-label="二要素認証"><path d="M4,4h1v1h-1z" fill="#000"/></svg>';
    const url = svgDataUrl(svg);
    expect(url.startsWith('data:image/svg+xml;charset=utf-8,')).toBe(true);
    expect(url).not.toMatch(/[<>"#\s]/);
    expect(decodeURIComponent(url.slice(url.indexOf(',') + 1))).toBe(svg);
  });
});

describe('recovery codes to keep', () => {
  const codes = ['abcd-efgh-jkmn', 'pqrs-tuvw-xyz2'];

  it('as text: heading, numbered codes, note', () => {
    expect(recoveryCodesText('見出し', codes, '注意')).toBe(
      '見出し\r\n\r\n 1. abcd-efgh-jkmn\r\n 2. pqrs-tuvw-xyz2\r\n\r\n注意\r\n',
    );
  });

  it('as a print page, with every text escaped', () => {
    const html = recoveryCodesHtml('<script>', codes, 'a & b');
    expect(html).toContain('<li>abcd-efgh-jkmn</li><li>pqrs-tuvw-xyz2</li>');
    expect(html).toContain('&lt;script&gt;');
    expect(html).toContain('a &amp; b');
    expect(html).not.toContain('<script>');
  });
});
