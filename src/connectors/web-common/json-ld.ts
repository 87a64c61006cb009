import type { JsonValue } from '../sdk.ts';

export type JsonLdNode = { readonly [key: string]: JsonValue };

/** A JSON-LD node found in a page, and whether it stood at the top (not nested in another). */
export interface FoundNode {
  readonly node: JsonLdNode;
  readonly topLevel: boolean;
}

const MAX_NODES = 2000;
const MAX_DEPTH = 12;

/**
 * Every typed node in a page's JSON-LD blocks: top-level objects, arrays of them, `@graph`
 * members, and nodes nested in properties (an `author`, a `worksFor`). Bounded in count and
 * depth so a hostile page cannot make it work without end.
 *
 * @example
 * collectNodes([{ '@graph': [{ '@type': 'Person', name: 'Jane' }] }]) // [{ node: {…Person}, topLevel: true }]
 */
export function collectNodes(blocks: readonly JsonValue[]): FoundNode[] {
  const found: FoundNode[] = [];
  const visit = (value: JsonValue, depth: number, topLevel: boolean): void => {
    if (found.length >= MAX_NODES || depth > MAX_DEPTH) return;
    if (Array.isArray(value)) {
      for (const item of value) visit(item, depth + 1, topLevel);
      return;
    }
    if (typeof value !== 'object' || value === null) return;
    if (value['@type'] !== undefined) found.push({ node: value, topLevel });
    for (const [key, child] of Object.entries(value)) {
      // '@graph' members are top-level nodes of the document; anything else is nested.
      if (typeof child === 'object' && child !== null) visit(child, depth + 1, key === '@graph' && topLevel);
    }
  };
  for (const block of blocks) visit(block, 0, true);
  return found;
}

/**
 * The node's types without vocabulary prefixes: `schema:Person` and `https://schema.org/Person`
 * both read `Person`.
 */
export function typesOf(node: JsonLdNode): string[] {
  const raw = node['@type'];
  const list = Array.isArray(raw) ? raw : [raw];
  return list.filter((t): t is string => typeof t === 'string').map((t) => t.replace(/^(?:https?:\/\/schema\.org\/|schema:)/i, ''));
}

/** A property as text: a string, a number, the `name`/`@value`/`@id` of an object, or the first of a list. */
export function textOf(value: JsonValue | undefined): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string') return value.trim() === '' ? null : value.trim();
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) {
    for (const item of value) {
      const text = textOf(item);
      if (text !== null) return text;
    }
    return null;
  }
  if (typeof value === 'object') return textOf(value['@value'] ?? value.name ?? value.url ?? value['@id']);
  return null;
}

/** Every string a property holds (a string, or a list of strings or objects with `@id`/`url`). */
export function textsOf(value: JsonValue | undefined): string[] {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return value.flatMap((item) => textsOf(item));
  const text = textOf(value);
  return text === null ? [] : [text];
}

/** A count from `interactionStatistic` entries of the given type (e.g. `FollowAction`). */
export function interactionCount(node: JsonLdNode, property: string, action: string): number | null {
  const stats = node[property];
  for (const stat of Array.isArray(stats) ? stats : [stats]) {
    if (typeof stat !== 'object' || stat === null || Array.isArray(stat)) continue;
    // interactionType is written as a URL string or as a typed node, e.g. {"@type": "FollowAction"}.
    const kind = stat.interactionType;
    const type = typeof kind === 'object' && kind !== null && !Array.isArray(kind) ? (typesOf(kind)[0] ?? '') : (textOf(kind) ?? '');
    const count = Number(textOf(stat.userInteractionCount));
    if (type.replace(/^(?:https?:\/\/schema\.org\/|schema:)/i, '') === action && Number.isInteger(count) && count >= 0) return count;
  }
  return null;
}
