/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const LINK = /\[([^\]]+)\]\((https?:\/\/[^\s)]+)\)/g;

/** Inline: [links](http://...) to http(s) only, whose text may hold code or emphasis. */
function inline(text: string): string {
  let html = '';
  let last = 0;
  for (const match of text.matchAll(LINK)) {
    html += codeAndEmphasis(text.slice(last, match.index));
    // The URL is escaped, so it cannot break out of the attribute.
    html += `<a href="${escapeHtml(
      match[2],
    )}" rel="noopener noreferrer">${codeAndEmphasis(match[1])}</a>`;
    last = match.index! + match[0].length;
  }
  return html + codeAndEmphasis(text.slice(last));
}

/** Inline: `code`, **bold** and *italic*. */
function codeAndEmphasis(text: string): string {
  return text
    .split(/(`[^`]+`)/)
    .map(part => {
      if (part.startsWith('`') && part.endsWith('`') && part.length > 1)
        return `<code>${escapeHtml(part.slice(1, -1))}</code>`;
      let html = escapeHtml(part);
      html = html.replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>');
      html = html.replace(/(^|[^*])\*([^*\s][^*]*)\*/g, '$1<em>$2</em>');
      return html;
    })
    .join('');
}

/** The cells of a GFM table row (`| a | b |`), or undefined when the line is not one. */
function tableCells(line: string): string[] | undefined {
  if (!/^\s*\|.*\|\s*$/.test(line)) return undefined;
  return line
    .trim()
    .slice(1, -1)
    .split('|')
    .map(cell => cell.trim());
}

const TABLE_SEPARATOR = /^\s*\|(\s*:?-{3,}:?\s*\|)+\s*$/;

/**
 * A small, safe Markdown subset for pull request bodies: headings, paragraphs, lists, fenced code,
 * block quotes, GFM tables, horizontal rules, inline code, emphasis and http(s) links. HTML
 * comments are hidden, as on GitHub. Everything else is shown as text: all input is escaped
 * first, no raw HTML passes.
 */
export function renderMarkdown(markdown: string): string {
  const lines = markdown
    .replace(/\r\n?/g, '\n')
    .replace(/<!--[\s\S]*?-->/g, '')
    .split('\n');
  const out: string[] = [];
  let paragraph: string[] = [];
  let list: 'ul' | 'ol' | undefined;
  const flush = () => {
    if (paragraph.length)
      out.push(`<p>${paragraph.map(inline).join('<br>')}</p>`);
    paragraph = [];
  };
  const closeList = () => {
    if (list) out.push(`</${list}>`);
    list = undefined;
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (/^```/.test(line)) {
      flush();
      closeList();
      const code: string[] = [];
      i++;
      while (i < lines.length && !/^```/.test(lines[i])) code.push(lines[i++]);
      out.push(`<pre><code>${escapeHtml(code.join('\n'))}</code></pre>`);
      continue;
    }
    const header = tableCells(line);
    if (header && i + 1 < lines.length && TABLE_SEPARATOR.test(lines[i + 1])) {
      flush();
      closeList();
      const rows: string[][] = [];
      i += 2;
      while (i < lines.length && tableCells(lines[i]))
        rows.push(tableCells(lines[i++])!);
      i--;
      out.push(
        `<table><thead><tr>${header
          .map(c => `<th>${inline(c)}</th>`)
          .join('')}</tr></thead><tbody>${rows
          .map(
            row => `<tr>${row.map(c => `<td>${inline(c)}</td>`).join('')}</tr>`,
          )
          .join('')}</tbody></table>`,
      );
      continue;
    }
    if (/^\s*(-{3,}|\*{3,})\s*$/.test(line)) {
      flush();
      closeList();
      out.push('<hr>');
      continue;
    }
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    const bullet = /^\s*[-*+]\s+(.*)$/.exec(line);
    const numbered = /^\s*\d+[.)]\s+(.*)$/.exec(line);
    const quote = /^>\s?(.*)$/.exec(line);
    if (heading) {
      flush();
      closeList();
      const level = Math.min(6, heading[1].length + 2);
      out.push(`<h${level}>${inline(heading[2])}</h${level}>`);
    } else if (bullet || numbered) {
      flush();
      const kind = bullet ? 'ul' : 'ol';
      if (list !== kind) {
        closeList();
        out.push(`<${kind}>`);
        list = kind;
      }
      out.push(`<li>${inline((bullet ?? numbered)![1])}</li>`);
    } else if (quote) {
      flush();
      closeList();
      out.push(`<blockquote>${inline(quote[1])}</blockquote>`);
    } else if (line.trim() === '') {
      flush();
      closeList();
    } else {
      closeList();
      paragraph.push(line);
    }
  }
  flush();
  closeList();
  return out.join('\n');
}
