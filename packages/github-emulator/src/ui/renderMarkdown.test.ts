import { escapeHtml, renderMarkdown } from './renderMarkdown';

describe('renderMarkdown', () => {
  it('renders the safe subset', () => {
    expect(
      renderMarkdown(
        '# Title\n\n- a `b`\n- **c**\n\n[docs](https://example.com/x?a=1&b=2)',
      ),
    ).toBe(
      '<h3>Title</h3>\n<ul>\n<li>a <code>b</code></li>\n<li><strong>c</strong></li>\n</ul>\n<p><a href="https://example.com/x?a=1&amp;b=2" rel="noopener noreferrer">docs</a></p>',
    );
    expect(renderMarkdown('```\n<x>\n```')).toBe(
      '<pre><code>&lt;x&gt;</code></pre>',
    );
  });

  it('lets no markup or script URL through', () => {
    const html = renderMarkdown(
      '<script>alert(1)</script>\n[x](javascript:alert(1)) [y](https://a.example/"onmouseover="alert(1))\n<img src=x onerror=alert(1)>',
    );
    expect(html).not.toMatch(/<script|<img|href="javascript|" onmouseover/);
    expect(escapeHtml(`<a href='x'>&"`)).toBe(
      '&lt;a href=&#39;x&#39;&gt;&amp;&quot;',
    );
  });
});
