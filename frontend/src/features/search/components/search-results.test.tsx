import { render } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { Snippet } from './search-results';

describe('Snippet', () => {
  it('marks the match, counting characters as the API does (𠮷 is one)', () => {
    const { container } = render(
      <Snippet
        match={{
          field: 'progress',
          snippet: '𠮷田地区でゲートキーパー研修を実施',
          highlight_start: 5,
          highlight_length: 7,
        }}
      />,
    );
    expect(container.querySelector('mark')?.textContent).toBe('ゲートキーパー');
    expect(container.textContent).toBe('𠮷田地区でゲートキーパー研修を実施');
  });
});
