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

  it('renders tables, rules and links around code, and hides HTML comments as GitHub does', () => {
    expect(
      renderMarkdown(
        '| Change | File |\n| --- | --- |\n| added | `a.yaml` |\n| <b>x</b> | y |\n\n---\n[Open `pr-1`](http://localhost:3000/x) <!-- marker {"a":1} -->',
      ),
    ).toBe(
      '<table><thead><tr><th>Change</th><th>File</th></tr></thead><tbody><tr><td>added</td><td><code>a.yaml</code></td></tr><tr><td>&lt;b&gt;x&lt;/b&gt;</td><td>y</td></tr></tbody></table>\n<hr>\n<p><a href="http://localhost:3000/x" rel="noopener noreferrer">Open <code>pr-1</code></a> </p>',
    );
    // A line that only looks like a table row stays text.
    expect(renderMarkdown('| not a table |')).toBe('<p>| not a table |</p>');
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
