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

function translateBody(body: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    if (ch === '\\' && i + 1 < body.length) {
      const next = body[++i]!;
      const expanded = expandEscape(next, inClass);
      out += expanded;
      // `[\w-_]`: in Python the hyphen after a class shorthand is literal.
      if (inClass && expanded !== `\\${next}` && body[i + 1] === '-' && body[i + 2] !== ']') {
        out += '\\-';
        i++;
      }
      continue;
    }
    if (inClass) {
      if (ch === ']') inClass = false;
      out += ch;
      continue;
    }
    if (ch === '[') {
      inClass = true;
      out += ch;
      if (body[i + 1] === '^') out += body[++i];
      // A leading ']' is literal in Python.
      if (body[i + 1] === ']') {
        out += '\\]';
        i++;
      }
      continue;
    }
    if (ch === '{' && /^\{,\d+\}/.test(body.slice(i))) {
      out += '{0,';
      i++;
      continue;
    }
    out += ch;
  }
  return out;
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
