import { ApiError, type ErrorDetail } from '../errors/catalogue.ts';

export const MAX_REQUESTER_REFERENCE = 256;
const MAX_ID = 128;

/** A `POST /v1/analysis` body, checked for shape (the type and its parameters are checked later). */
export interface AnalysisRequest {
  readonly subject: { readonly type: string; readonly entityId: string };
  readonly analysisType: string;
  /** Raw; the analysis type validates them. Absent: `{}` (every default). */
  readonly parameters: Record<string, unknown>;
  readonly requesterReference: string | null;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Validates the envelope of an analysis request (SPEC §9) or throws 400 with `details[]`
 * naming every problem: `field_required` when a required field is missing, else
 * `field_invalid` (e.g. `subject.entity_id`, `options.requester_reference`).
 *
 * @example
 * parseAnalysisRequest({ subject: { type: 'entity', entity_id: 'ent_01…' }, analysis_type: 'timeline' })
 */
export function parseAnalysisRequest(body: unknown): AnalysisRequest {
  const required: ErrorDetail[] = [];
  const invalid: ErrorDetail[] = [];
  if (!isObject(body)) throw new ApiError('field_invalid', undefined, [{ field: 'body', issue: 'Must be a JSON object with "subject" and "analysis_type"' }]);
  const subject = parseSubject(body.subject, required, invalid);
  const analysisType = requiredString(body.analysis_type, 'analysis_type', required, invalid);
  let parameters: Record<string, unknown> = {};
  if (body.parameters !== undefined && body.parameters !== null) {
    if (isObject(body.parameters)) parameters = body.parameters;
    else invalid.push({ field: 'parameters', issue: 'Must be an object' });
  }
  const requesterReference = parseOptions(body.options, invalid);
  if (required.length > 0) throw new ApiError('field_required', undefined, [...required, ...invalid]);
  if (invalid.length > 0) throw new ApiError('field_invalid', undefined, invalid);
  return { subject: subject!, analysisType: analysisType!, parameters, requesterReference };
}

function parseSubject(raw: unknown, required: ErrorDetail[], invalid: ErrorDetail[]): AnalysisRequest['subject'] | null {
  if (raw === undefined || raw === null) {
    required.push({ field: 'subject', issue: 'Required: {"type": "entity", "entity_id": "ent_…"}' });
    return null;
  }
  if (!isObject(raw)) {
    invalid.push({ field: 'subject', issue: 'Must be an object' });
    return null;
  }
  const type = requiredString(raw.type, 'subject.type', required, invalid);
  if (type !== null && type !== 'entity') {
    invalid.push({ field: 'subject.type', issue: 'Must be one of: entity' });
    return null;
  }
  const entityId = requiredString(raw.entity_id, 'subject.entity_id', required, invalid);
  return type !== null && entityId !== null ? { type, entityId } : null;
}

function requiredString(raw: unknown, field: string, required: ErrorDetail[], invalid: ErrorDetail[]): string | null {
  if (raw === undefined || raw === null) {
    required.push({ field, issue: 'Required' });
    return null;
  }
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > MAX_ID) {
    invalid.push({ field, issue: `Must be a string of 1 to ${MAX_ID} characters` });
    return null;
  }
  return raw;
}

function parseOptions(raw: unknown, invalid: ErrorDetail[]): string | null {
  if (raw === undefined || raw === null) return null;
  if (!isObject(raw)) {
    invalid.push({ field: 'options', issue: 'Must be an object' });
    return null;
  }
  const ref = raw.requester_reference;
  if (ref === undefined || ref === null) return null;
  if (typeof ref !== 'string') invalid.push({ field: 'options.requester_reference', issue: 'Must be a string' });
  else if ([...ref].length > MAX_REQUESTER_REFERENCE) invalid.push({ field: 'options.requester_reference', issue: `Must be at most ${MAX_REQUESTER_REFERENCE} characters` });
  else return ref;
  return null;
}
