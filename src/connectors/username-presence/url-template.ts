/**
 * Username templates: parsing the two catalogue syntaxes into `Template`s and rendering them
 * safely. Maigret writes Python `str.format` templates (`{username}`, `{urlMain}`,
 * `{urlSubpath}`, `{{` for a brace); Sherlock writes `{}` and uses `str.replace`.
 */
import type { Template } from './site-rule.ts';

/** Thrown for a template a catalogue site cannot use; the loader turns it into a skip. */
export class TemplateError extends Error {}

/**
 * Parses a Maigret (Python `str.format`) template. `{urlMain}` and `{urlSubpath}` are filled
 * from `fields`; any other named field raises, as `str.format` would.
 *
 * @example
 * parseMaigretTemplate('{urlMain}/u/{username}', { urlMain: 'https://x.org' }) // ['https://x.org/u/', '']
 */
export function parseMaigretTemplate(text: string, fields: Readonly<Record<string, string>>): Template {
  const parts: string[] = [];
  let current = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if ((ch === '{' || ch === '}') && text[i + 1] === ch) {
      current += ch;
      i++;
      continue;
    }
    if (ch === '}') throw new TemplateError(`single '}' in template ${JSON.stringify(text)}`);
    if (ch !== '{') {
      current += ch;
      continue;
    }
    const end = text.indexOf('}', i);
    if (end < 0) throw new TemplateError(`unclosed '{' in template ${JSON.stringify(text)}`);
    const name = text.slice(i + 1, end);
    const field = Object.hasOwn(fields, name) ? fields[name] : undefined;
    if (name === 'username') {
      parts.push(current);
      current = '';
    } else if (field !== undefined) current += field;
    else throw new TemplateError(`unknown field {${name}} in template ${JSON.stringify(text)}`);
    i = end;
  }
  parts.push(current);
  return parts;
}

/**
 * Parses a Sherlock template: every `{}` is a username slot, everything else is literal.
 *
 * @example
 * parseSherlockTemplate('https://{}.example.com/') // ['https://', '.example.com/']
 */
export function parseSherlockTemplate(text: string): Template {
  return text.split('{}');
}

/** Maigret's own clean-up of doubled slashes (`re.sub("(?<!:)/+", "/", url)`), slot-aware. */
export function collapseSlashes(template: Template): Template {
  const joined = template.join('\u0000');
  return joined.replace(/(?<!:)\/{2,}/g, '/').split('\u0000');
}

export function hasSlot(template: Template): boolean {
  return template.length > 1;
}

/** Renders a template with a value already encoded for its position. */
export function fill(template: Template, value: string): string {
  return template.join(value);
}

// RFC 1035 label: what a username must be to stand in a host name.
const DNS_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i;

/** True when the first slot sits in the scheme or authority part (`https://{}.example.com`). */
export function isSlotInAuthority(template: Template): boolean {
  if (!hasSlot(template)) return false;
  const head = template[0]!;
  const scheme = head.indexOf('://');
  if (scheme < 0) return !/[/?#]/.test(head);
  return !/[/?#]/.test(head.slice(scheme + 3));
}

export type RenderedUrl = { ok: true; url: string } | { ok: false; reason: string };

/**
 * Renders a URL template for a username, or says why it cannot be done safely. A username in
 * a path or query is percent-encoded whole (so `/`, `?`, `#` and `@` cannot move the request
 * elsewhere); in a host name it must be one DNS label, so `evil.com#` cannot become the host.
 *
 * @example
 * renderUrl(['https://x.com/', ''], 'a/b') // { ok: true, url: 'https://x.com/a%2Fb' }
 */
export function renderUrl(template: Template, username: string): RenderedUrl {
  if (/^\.+$/.test(username)) return { ok: false, reason: 'username is a dot segment' };
  let value: string;
  if (isSlotInAuthority(template)) {
    if (!DNS_LABEL.test(username)) return { ok: false, reason: 'username cannot be a host name label on this site' };
    value = username.toLowerCase();
  } else {
    value = encodeURIComponent(username);
  }
  const text = fill(template, value);
  try {
    const url = new URL(text);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return { ok: false, reason: `unsupported scheme ${url.protocol}` };
    return { ok: true, url: url.href };
  } catch {
    return { ok: false, reason: 'template does not render to a valid URL' };
  }
}

/** Renders a JSON body template: the username is JSON-escaped into the string values. */
export function renderPayload(template: Template, username: string): string {
  return fill(template, JSON.stringify(username).slice(1, -1));
}

/**
 * Builds a JSON body template from a catalogue payload: `parseLeaf` turns each string value
 * into a template; the slots are carried through `JSON.stringify` by a marker that cannot occur
 * in JSON text (a raw NUL is always escaped by the serializer).
 */
export function payloadTemplate(payload: unknown, parseLeaf: (text: string) => Template): Template {
  const mark = '\u0000';
  const walk = (value: unknown): unknown => {
    // A NUL inside the catalogue's own text is dropped, so every escaped NUL is a slot.
    if (typeof value === 'string') return parseLeaf(value).map((part) => part.replaceAll(mark, '')).join(mark);
    if (Array.isArray(value)) return value.map(walk);
    if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v)]));
    return value;
  };
  return JSON.stringify(walk(payload)).split('\\u0000');
}
