import { ApiError, type ErrorCode, type ErrorDetail } from '../errors/catalogue.ts';
import { IDENTIFIER_TYPES, type Identifier, isIdentifierType } from '../identifiers/identifier-types.ts';
import { checkIdentifier } from '../identifiers/validate-identifier.ts';

export const MAX_IDENTIFIERS = 20;
export const MAX_REQUESTER_REFERENCE = 256;

export type LookupDepth = 'standard' | 'deep';

export interface LookupRequest {
  readonly identifiers: readonly Identifier[];
  readonly depth: LookupDepth;
  readonly requesterReference: string | null;
}

// When problems of several kinds occur together, the response carries the most fundamental
// code (a body that is structurally wrong before identifiers that are merely mis-formatted),
// and `details[]` lists every problem found.
const PRECEDENCE: readonly ErrorCode[] = [
  'field_required',
  'field_invalid',
  'no_identifiers',
  'too_many_identifiers',
  'invalid_identifier_type',
  'identifier_format_invalid',
];

class Problems {
  readonly #found: { code: ErrorCode; detail: ErrorDetail }[] = [];

  add(code: ErrorCode, field: string, issue: string): void {
    this.#found.push({ code, detail: { field, issue } });
  }

  throwIfAny(): void {
    if (this.#found.length === 0) return;
    const code = PRECEDENCE.find((c) => this.#found.some((p) => p.code === c)) ?? 'field_invalid';
    throw new ApiError(code, undefined, this.#found.map((p) => p.detail));
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Validates a `POST /v1/lookup` body into a typed request, or throws the documented error
 * (SPEC §6.1, §13) with `details[]` naming each field, e.g. `identifiers[3].value`.
 *
 * @example
 * parseLookupRequest({ identifiers: [{ type: 'phone', value: '+15551234567' }] })
 * // { identifiers: [{ type: 'phone', value: '+15551234567', normalized: '+15551234567' }], depth: 'standard', … }
 */
export function parseLookupRequest(body: unknown): LookupRequest {
  const problems = new Problems();
  if (!isObject(body)) {
    problems.add('field_invalid', 'body', 'Must be a JSON object with an "identifiers" array');
    problems.throwIfAny();
  }
  const input = body as Record<string, unknown>;
  const identifiers = parseIdentifiers(input.identifiers, problems);
  const { depth, requesterReference } = parseOptions(input.options, problems);
  problems.throwIfAny();
  return { identifiers, depth, requesterReference };
}

function parseIdentifiers(raw: unknown, problems: Problems): Identifier[] {
  if (raw === undefined || raw === null) {
    problems.add('field_required', 'identifiers', 'Required: an array of 1 to 20 {type, value} objects');
    return [];
  }
  if (!Array.isArray(raw)) {
    problems.add('field_invalid', 'identifiers', 'Must be an array of {type, value} objects');
    return [];
  }
  if (raw.length === 0) {
    problems.add('no_identifiers', 'identifiers', 'Must contain at least one identifier');
    return [];
  }
  if (raw.length > MAX_IDENTIFIERS) {
    problems.add('too_many_identifiers', 'identifiers', `Must contain at most ${MAX_IDENTIFIERS} identifiers; got ${raw.length}`);
    return [];
  }
  const identifiers: Identifier[] = [];
  raw.forEach((item: unknown, index) => {
    const at = `identifiers[${index}]`;
    if (!isObject(item)) {
      problems.add('field_invalid', at, 'Must be an object with "type" and "value"');
      return;
    }
    const { type, value } = item;
    let typeOk = false;
    if (type === undefined || type === null) problems.add('field_required', `${at}.type`, 'Required');
    else if (typeof type !== 'string') problems.add('field_invalid', `${at}.type`, 'Must be a string');
    else if (!isIdentifierType(type)) problems.add('invalid_identifier_type', `${at}.type`, `Must be one of: ${IDENTIFIER_TYPES.join(', ')}`);
    else typeOk = true;
    if (value === undefined || value === null) {
      problems.add('field_required', `${at}.value`, 'Required');
      return;
    }
    if (typeof value !== 'string') {
      problems.add('field_invalid', `${at}.value`, 'Must be a string');
      return;
    }
    if (!typeOk) return;
    const check = checkIdentifier(type as Identifier['type'], value);
    if (!check.ok) problems.add('identifier_format_invalid', `${at}.value`, check.issue);
    else identifiers.push({ type: type as Identifier['type'], value: value.trim(), normalized: check.normalized });
  });
  return identifiers;
}

function parseOptions(raw: unknown, problems: Problems): { depth: LookupDepth; requesterReference: string | null } {
  const result = { depth: 'standard' as LookupDepth, requesterReference: null as string | null };
  if (raw === undefined || raw === null) return result;
  if (!isObject(raw)) {
    problems.add('field_invalid', 'options', 'Must be an object');
    return result;
  }
  if (raw.depth !== undefined && raw.depth !== null) {
    if (raw.depth === 'standard' || raw.depth === 'deep') result.depth = raw.depth;
    else problems.add('field_invalid', 'options.depth', 'Must be one of: standard, deep');
  }
  const ref = raw.requester_reference;
  if (ref !== undefined && ref !== null) {
    if (typeof ref !== 'string') problems.add('field_invalid', 'options.requester_reference', 'Must be a string');
    else if ([...ref].length > MAX_REQUESTER_REFERENCE) {
      problems.add('field_invalid', 'options.requester_reference', `Must be at most ${MAX_REQUESTER_REFERENCE} characters`);
    } else result.requesterReference = ref;
  }
  return result;
}
