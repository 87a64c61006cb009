/**
 * Catalogue `regexCheck` patterns are Python `re` patterns run with `re.search`. The two
 * dialects mostly agree; where they differ the difference decides whether a username is
 * checked or `skipped`, so it is translated rather than ignored:
 * - Python 3 `\w` and `\d` are Unicode-aware on str patterns; JavaScript's are ASCII-only.
 *   They become `[\p{L}\p{N}_]` and `\p{Nd}` under the `u` flag.
 * - `{,n}` means `{0,n}` in Python and a literal in JavaScript.
 * - `(?i)` as a leading inline flag, `(?P<name>…)`, `(?P=name)`, `\A`, `\Z`.
 * - Python accepts identity escapes such as `\@` that the `u` flag rejects.
 */

export interface JsPattern {
  readonly source: string;
  readonly flags: string;
}

const SYNTAX = new Set(['^', '$', '\\', '.', '*', '+', '?', '(', ')', '[', ']', '{', '}', '|', '/']);
const WORD = '\\p{L}\\p{N}_';

/**
 * Translates a Python pattern, or returns null when neither the translation (with `u`) nor the
 * original text (without `u`) compiles.
 *
 * @example
 * translatePythonRegex('^[\\w-]{,34}$') // { source: '^[\\p{L}\\p{N}_-]{0,34}$', flags: 'u' }
 */
export function translatePythonRegex(pattern: string): JsPattern | null {
  let flags = '';
  let body = pattern;
  const inline = /^\(\?([aiLmsux]+)\)/.exec(body);
  if (inline) {
    if (inline[1]!.includes('i')) flags += 'i';
    if (inline[1]!.includes('m')) flags += 'm';
    if (inline[1]!.includes('s')) flags += 's';
    body = body.slice(inline[0].length);
  }
  body = body.replace(/\(\?P<([A-Za-z_]\w*)>/g, '(?<$1>').replace(/\(\?P=([A-Za-z_]\w*)\)/g, '\\k<$1>');
  const translated = translateBody(body);
  if (compiles(translated, `${flags}u`)) return { source: translated, flags: `${flags}u` };
  const plain = body.replace(/\{,(\d+)\}/g, '{0,$1}');
  if (compiles(plain, flags)) return { source: plain, flags };
  return null;
}

const compiled = new Map<string, RegExp>();

/**
 * Compiles a translated pattern (cached: a sweep tests every site's pattern for every name);
 * `re.search` semantics (unanchored) are `RegExp.test` on a non-global expression.
 */
export function compilePattern(pattern: JsPattern): RegExp {
  const key = `${pattern.flags}/${pattern.source}`;
  let regex = compiled.get(key);
  if (!regex) compiled.set(key, (regex = new RegExp(pattern.source, pattern.flags)));
  return regex;
}

function compiles(source: string, flags: string): boolean {
  try {
    new RegExp(source, flags);
    return true;
  } catch {
    return false;
  }
}

/** A left-to-right rewrite; each step returns what it emits and how many characters it read. */
interface Step {
  readonly text: string;
  readonly read: number;
}

function translateBody(body: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < body.length; ) {
    let step: Step;
    if (body[i] === '\\' && i + 1 < body.length) step = escapeStep(body, i, inClass);
    else if (inClass) {
      step = { text: body[i]!, read: 1 };
      inClass = body[i] !== ']';
    } else {
      step = plainStep(body, i);
      inClass = body[i] === '[';
    }
    out += step.text;
    i += step.read;
  }
  return out;
}

function escapeStep(body: string, at: number, inClass: boolean): Step {
  const next = body[at + 1]!;
  const expanded = expandEscape(next, inClass);
  // `[\w-_]`: in Python the hyphen after a class shorthand is literal.
  if (inClass && expanded !== `\\${next}` && body[at + 2] === '-' && body[at + 3] !== ']') return { text: `${expanded}\\-`, read: 3 };
  return { text: expanded, read: 2 };
}

function plainStep(body: string, at: number): Step {
  const ch = body[at]!;
  if (ch === '[') {
    // `[^` and a leading `]` (literal in Python) are read with the opening bracket.
    const negated = body[at + 1] === '^';
    const head = negated ? '[^' : '[';
    const bracket = body[at + head.length] === ']';
    return { text: bracket ? `${head}\\]` : head, read: head.length + (bracket ? 1 : 0) };
  }
  if (ch === '{' && /^\{,\d+\}/.test(body.slice(at))) return { text: '{0,', read: 2 };
  return { text: ch, read: 1 };
}

function expandEscape(next: string, inClass: boolean): string {
  switch (next) {
    case 'w':
      return inClass ? WORD : `[${WORD}]`;
    case 'W':
      // A negated shorthand cannot be expanded inside a class; it stays ASCII there.
      return inClass ? '\\W' : `[^${WORD}]`;
    case 'd':
      return '\\p{Nd}';
    case 'D':
      return '\\P{Nd}';
    case 'A':
      return inClass ? 'A' : '^';
    case 'Z':
      return inClass ? 'Z' : '$';
    default:
      break;
  }
  if (/[A-Za-z0-9]/.test(next)) return `\\${next}`;
  if (SYNTAX.has(next) || (inClass && next === '-')) return `\\${next}`;
  return next;
}
