import type { CheerioAPI } from 'cheerio';

/** The slice of htmlparser2's DOM (domhandler) this walk reads. */
interface DomNode {
  readonly type: string;
  readonly name?: string;
  readonly data?: string;
  readonly children?: readonly DomNode[];
}

const SKIPPED = new Set(['script', 'style', 'noscript', 'template', 'svg', 'head', 'iframe', 'object', 'canvas', 'select', 'option']);
const BLOCKS = new Set(['p', 'div', 'br', 'li', 'ul', 'ol', 'tr', 'td', 'th', 'table', 'section', 'article', 'header', 'footer', 'nav', 'aside', 'main', 'address', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'dd', 'dt', 'dl', 'blockquote', 'pre', 'form', 'figure', 'figcaption', 'hr']);
const MAX_CHARS = 400_000;

/**
 * The text a reader of the page sees: text nodes outside scripts, styles and templates, with
 * block elements as line breaks so words of adjacent blocks do not run together. Walks the
 * tree with an explicit stack: deeply nested markup cannot exhaust the call stack.
 *
 * @example
 * visibleText(parseHtml('<p>Call <b>+44 20 7946 0958</b></p><p>or write</p>')) // 'Call +44 20 7946 0958\nor write'
 */
export function visibleText($: CheerioAPI): string {
  const root = $.root().get(0) as unknown as DomNode | undefined;
  const parts: string[] = [];
  let size = 0;
  const stack: (DomNode | '\n')[] = root ? [root] : [];
  while (stack.length > 0 && size < MAX_CHARS) {
    const node = stack.pop()!;
    if (node === '\n') {
      parts.push('\n');
      continue;
    }
    if (node.type === 'text' && node.data !== undefined) {
      parts.push(node.data);
      size += node.data.length;
      continue;
    }
    if (node.type === 'comment' || (node.name !== undefined && SKIPPED.has(node.name.toLowerCase()))) continue;
    const block = node.name !== undefined && BLOCKS.has(node.name.toLowerCase());
    if (block) stack.push('\n');
    const children = node.children ?? [];
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
    if (block) stack.push('\n');
  }
  return parts
    .join('')
    .replace(/[ \t\f\v\u00a0]+/g, ' ')
    .replace(/ *\n[\s]*/g, '\n')
    .trim()
    .slice(0, MAX_CHARS);
}
