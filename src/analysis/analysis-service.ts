import type { Kysely } from 'kysely';
import type { AuditRecord } from '../audit/audit-record.ts';
import { mayRead, ownerOf, type Principal } from '../auth/principal.ts';
import type { ConnectorLogger } from '../connectors/sdk.ts';
import type { AnalysisResponse } from '../contract/analysis.ts';
import type { LookupResponse } from '../contract/lookup.ts';
import { ApiError } from '../errors/catalogue.ts';
import { newId } from '../ids/ulid.ts';
import { insertAnalysis } from '../store/analysis-results-repository.ts';
import { appendAuditRecord } from '../store/audit-repository.ts';
import type { ReaderScope } from '../store/entity-identifiers-repository.ts';
import { findStoredEntity, type StoredEntity } from '../store/lookup-entities-repository.ts';
import type { Database } from '../store/schema.ts';
import { parseAnalysisRequest } from './analysis-request.ts';
import type { AnalysisOutcome, AnalysisType } from './analysis-type.ts';
import { ANALYSIS_TYPES } from './registry.ts';

export interface AnalysisServiceOptions {
  readonly db: Kysely<Database>;
  readonly organizationId: string;
  readonly resultRetentionDays: number;
  readonly logger: ConnectorLogger;
  readonly types?: readonly AnalysisType[];
  readonly now?: () => Date;
}

export interface AnalysisCall {
  readonly principal: Principal;
  readonly body: unknown;
  readonly requestId: string;
  readonly sourceIp: string;
}

const DAY_MS = 86_400_000;
const LOOKUP_READ = { own: 'lookup:read:own', any: 'lookup:read:any' } as const;

/**
 * One analysis, end to end (SPEC §9): validate (400), find the type (400 when unknown, 501 when
 * listed but not deployed), check the parameters (400), find the subject entity (404 unknown or
 * past retention; 403 when its lookup belongs to someone the caller may not read), run it
 * synchronously, then store the response and its audit record in one transaction. A failure of
 * the analysis itself is a 200 with `status: failed` and `error.code: analysis_failed`.
 */
export class AnalysisService {
  readonly #o: AnalysisServiceOptions;
  readonly #now: () => Date;
  readonly #types: readonly AnalysisType[];

  constructor(options: AnalysisServiceOptions) {
    this.#o = options;
    this.#now = options.now ?? (() => new Date());
    this.#types = options.types ?? ANALYSIS_TYPES;
  }

  get types(): readonly AnalysisType[] {
    return this.#types;
  }

  async submit(call: AnalysisCall): Promise<{ response: AnalysisResponse; json: string }> {
    const request = parseAnalysisRequest(call.body);
    const type = this.#types.find((t) => t.type === request.analysisType);
    if (!type) {
      throw new ApiError('field_invalid', 'Unknown analysis type.', [{ field: 'analysis_type', issue: `Must be one of: ${this.#types.map((t) => t.type).join(', ')} (GET /v1/analysis/types)` }]);
    }
    if (!type.deployed) throw new ApiError('analysis_type_not_available', `The analysis type ${type.type} is recognised but not deployed in this engine.`);
    const parameters = type.parseParameters(request.parameters);
    if (!parameters.ok) throw new ApiError('field_invalid', undefined, parameters.issues);
    const queriedAt = this.#now();
    const subject = await findStoredEntity(this.#o.db, request.subject.entityId, queriedAt);
    if (!subject) throw new ApiError('not_found', 'No stored entity with this entity_id (unknown, or its lookup is past retention).');
    if (!mayRead(call.principal, LOOKUP_READ, subject.result)) throw new ApiError('insufficient_scope', 'The subject entity belongs to a lookup of another principal.');
    const outcome = await this.#run(type, subject, call.principal, parameters.value, queriedAt);
    const response = this.#respond(call, request.requesterReference, type, subject, parameters.value, queriedAt, outcome);
    const json = JSON.stringify(response);
    await this.#store(call.principal, response, json, queriedAt);
    return { response, json };
  }

  async #run(type: AnalysisType, subject: StoredEntity, principal: Principal, parameters: Record<string, unknown>, now: Date): Promise<AnalysisOutcome> {
    const lookup = JSON.parse(subject.result.responseJson) as LookupResponse;
    const entity = lookup.entities.find((e) => e.entity_id === subject.entityId);
    if (!entity) return { ok: false, message: 'The stored lookup does not hold this entity.' };
    try {
      return await type.run({ entityId: subject.entityId, entity, lookup, db: this.#o.db, reader: readerOf(principal), now }, parameters);
    } catch (err) {
      this.#o.logger.error({ err: (err as Error).message, analysis_type: type.type }, 'analysis failed');
      return { ok: false, message: 'The analysis could not be completed.' };
    }
  }

  #respond(
    call: AnalysisCall,
    requesterReference: string | null,
    type: AnalysisType,
    subject: StoredEntity,
    parameters: Record<string, unknown>,
    queriedAt: Date,
    outcome: AnalysisOutcome,
  ): AnalysisResponse {
    const audit: AuditRecord = {
      request_id: call.requestId,
      principal: call.principal.record,
      organization_id: this.#o.organizationId,
      source_ip: call.sourceIp,
      requester_reference: requesterReference,
      // The contract types this as an integer: an analysis submits one subject.
      identifiers_queried: 1,
      logged_at: this.#now().toISOString(),
    };
    return {
      analysis_id: newId('ana'),
      analysis_type: type.type,
      status: outcome.ok ? 'complete' : 'failed',
      subject: { type: 'entity', entity_id: subject.entityId },
      queried_at: queriedAt.toISOString(),
      completed_at: outcome.ok ? this.#now().toISOString() : null,
      result: outcome.ok ? { data: outcome.data, confidence: outcome.confidence, coverage_note: outcome.coverageNote } : null,
      error: outcome.ok ? null : { code: 'analysis_failed', message: outcome.message },
      audit,
      parameters,
    };
  }

  async #store(principal: Principal, response: AnalysisResponse, json: string, queriedAt: Date): Promise<void> {
    const keep = this.#o.resultRetentionDays > 0;
    try {
      await this.#o.db.transaction().execute(async (trx) => {
        if (keep) {
          await insertAnalysis(trx, {
            analysisId: response.analysis_id,
            requestId: response.audit.request_id,
            analysisType: response.analysis_type,
            entityId: response.subject.entity_id ?? null,
            status: response.status,
            ...ownerOf(principal),
            queriedAt,
            expiresAt: new Date(queriedAt.getTime() + this.#o.resultRetentionDays * DAY_MS),
            responseJson: json,
          });
        }
        await appendAuditRecord(trx, response.audit, 'analysis');
      });
    } catch (err) {
      this.#o.logger.error({ err: (err as Error).message, request_id: response.audit.request_id }, 'storing analysis failed');
      throw new ApiError('database_error');
    }
  }
}

/** Whose stored lookups a principal may read: everyone's with `lookup:read:any`, else its own. */
export function readerOf(principal: Principal): ReaderScope {
  if (principal.scopes.has('lookup:read:any')) return { any: true };
  return { any: false, ...ownerOf(principal) };
}
