import { SpanKind } from '@opentelemetry/api';
import type { Kysely } from 'kysely';
import type { AuditRecord } from '../audit/audit-record.ts';
import { ownerOf, type Principal } from '../auth/principal.ts';
import { type Plan, planCalls, planDerivedCalls, type PlannedCall } from '../connectors/planner.ts';
import { type ConnectorRun, runConnector } from '../connectors/runner.ts';
import type { Connector, ConnectorLogger } from '../connectors/sdk.ts';
import type { LookupResponse } from '../contract/lookup.ts';
import { ApiError } from '../errors/catalogue.ts';
import { newId } from '../ids/ulid.ts';
import { canonicalReportBytes, reportHashOf } from '../reports/report-signature.ts';
import type { ReportSigner } from '../reports/report-signer.ts';
import { type Resolution, resolveEntities } from '../resolve/resolve-entities.ts';
import { buildLookupLineage, type LookupLineage } from '../lineage/lookup-lineage.ts';
import { endLookupSpan, lookupAttributes } from '../observability/lookup-span-attributes.ts';
import { inSpan } from '../observability/spans.ts';
import { writeLookup } from '../store/lookup-write.ts';
import type { Database } from '../store/schema.ts';
import { identifierRows, renderEntities } from './entity-rendering.ts';
import { redactPasswords } from './credential-redaction.ts';
import { attributeToOrigins, derivedIdentifiers } from './derived-identifiers.ts';
import { buildSourceCoverage } from './source-coverage.ts';
import type { LookupRequest } from './lookup-request.ts';

export interface LookupServiceOptions {
  readonly db: Kysely<Database>;
  readonly connectors: readonly Connector[];
  readonly signer: ReportSigner;
  readonly organizationId: string;
  readonly connectorTimeoutMs: number;
  readonly resultRetentionDays: number;
  /** REDACT_CREDENTIAL_PASSWORDS: plaintext passwords from breach sources never enter a report. */
  readonly redactCredentialPasswords: boolean;
  readonly logger: ConnectorLogger;
  readonly observer?: LookupObserver;
  readonly now?: () => Date;
}

/** Told about every connector run and every completed lookup (metrics). */
export interface LookupObserver {
  connectorRun(run: ConnectorRun): void;
  lookupCompleted(status: string, depth: string): void;
}

export interface LookupCall {
  readonly principal: Principal;
  readonly request: LookupRequest;
  readonly requestId: string;
  readonly sourceIp: string;
  /** Aborted when the engine drains past its deadline. */
  readonly signal?: AbortSignal;
}

/** The response, and its exact JSON (what was signed, stored and sent). */
export interface LookupOutcome {
  readonly response: LookupResponse;
  readonly json: string;
}

/** What is stored beside the response: the lineage and the identifier index of its entities. */
interface LookupRecords {
  readonly lineage: LookupLineage | null;
  readonly identifiers: ReturnType<typeof identifierRows>;
}

const DAY_MS = 86_400_000;

/**
 * One lookup, end to end (DESIGN.md, "The path of one lookup"): plan → run connectors in
 * parallel → resolve → build the report → canonicalise, hash, sign → store result and audit
 * record in one transaction. A database failure leaves neither half and surfaces as
 * `database_error`; a signing failure as `signing_failed`.
 */
export class LookupService {
  readonly #o: LookupServiceOptions;
  readonly #now: () => Date;

  constructor(options: LookupServiceOptions) {
    this.#o = options;
    this.#now = options.now ?? (() => new Date());
  }

  lookup(call: LookupCall): Promise<LookupOutcome> {
    const attributes = lookupAttributes(call.requestId, call.request.identifiers, call.request.depth);
    return inSpan('lookup', attributes, () => this.#lookup(call), { onEnd: (span, outcome) => endLookupSpan(span, outcome.response) });
  }

  async #lookup(call: LookupCall): Promise<LookupOutcome> {
    const queriedAt = this.#now();
    const { runs: rawRuns, notQueried } = await this.#runConnectors(call);
    for (const run of rawRuns) this.#o.observer?.connectorRun(run);
    const runs = this.#o.redactCredentialPasswords ? rawRuns.map(redactPasswords) : rawRuns;
    const resolution = resolveEntities(call.request.identifiers, runs);
    const entityIds = resolution.entities.map(() => newId('ent'));
    const lineage = this.#lineage(call, runs, resolution, entityIds);
    const audit: AuditRecord = {
      request_id: call.requestId,
      principal: call.principal.record,
      organization_id: this.#o.organizationId,
      source_ip: call.sourceIp,
      requester_reference: call.request.requesterReference,
      identifiers_queried: call.request.identifiers.length,
      logged_at: this.#now().toISOString(),
    };
    const entities = renderEntities(resolution.entities, entityIds, lineage?.recordIds ?? null);
    const unsigned: LookupResponse = {
      request_id: call.requestId,
      queried_at: queriedAt.toISOString(),
      resolution: { status: resolution.status, confidence: resolution.confidence, entity_count: entities.length, explanation: resolution.explanation },
      entities,
      source_coverage: buildSourceCoverage(runs, notQueried),
      audit,
    };
    const signed = await inSpan('report.sign', { 'cairn.signing.key_id': this.#o.signer.keyId }, () => this.#sign(unsigned));
    const retained = this.#o.resultRetentionDays > 0;
    const records = { lineage, identifiers: identifierRows(resolution.entities, entityIds, call.requestId) };
    await inSpan('lookup.store', { 'db.operation.name': 'write_lookup', 'cairn.lookup.retained': retained }, () => this.#store(call, signed, queriedAt, records), { kind: SpanKind.CLIENT });
    this.#o.observer?.lookupCompleted(resolution.status, call.request.depth);
    return signed;
  }

  // Lineage and the identifier index are kept as long as the result; with retention 0
  // nothing about the lookup outlives the response.
  #lineage(call: LookupCall, runs: readonly ConnectorRun[], resolution: Resolution, entityIds: readonly string[]): LookupLineage | null {
    if (this.#o.resultRetentionDays <= 0) return null;
    return buildLookupLineage({
      requestId: call.requestId,
      actor: actorOf(call.principal),
      resolvedAt: this.#now(),
      depth: call.request.depth,
      runs,
      resolution,
      entityIds,
      newRecordId: () => newId('lin'),
    });
  }

  async #runConnectors(call: LookupCall): Promise<{ runs: ConnectorRun[]; notQueried: Plan['notQueried'] }> {
    const { identifiers, depth } = call.request;
    const plan = planCalls(this.#o.connectors, identifiers, depth);
    const runs = await this.#runAll(plan.calls, call, false);
    const first = { runs, notQueried: plan.notQueried };
    if (depth !== 'deep') return first;
    // Second wave (deep only): identifiers one connector derived feed the others once.
    const seen = new Set(plan.calls.flatMap((c) => c.identifiers.map((i) => `${c.connector.manifest.id}|${i.type}|${i.normalized}`)));
    const derived = derivedIdentifiers(runs, identifiers);
    if (derived.length === 0) return first;
    const second = await this.#runAll(planDerivedCalls(this.#o.connectors, derived, seen), call, true);
    return { runs: [...runs, ...attributeToOrigins(second, runs)], notQueried: plan.notQueried };
  }

  #runAll(calls: readonly PlannedCall[], call: LookupCall, derived: boolean): Promise<ConnectorRun[]> {
    return Promise.all(
      calls.map((planned) =>
        runConnector(planned.connector, {
          identifiers: planned.identifiers,
          derived,
          depth: call.request.depth,
          timeoutMs: this.#o.connectorTimeoutMs,
          logger: this.#o.logger,
          ...(call.signal ? { signal: call.signal } : {}),
        }),
      ),
    );
  }

  async #sign(report: LookupResponse): Promise<LookupOutcome> {
    const bytes = canonicalReportBytes(report);
    const reportHash = reportHashOf(bytes);
    let signature: string;
    try {
      signature = await this.#o.signer.sign(bytes);
    } catch (err) {
      this.#o.logger.error({ err: (err as Error).message, key_id: this.#o.signer.keyId }, 'report signing failed');
      throw new ApiError('signing_failed');
    }
    const signedAt = this.#now().toISOString();
    const keyId = this.#o.signer.keyId;
    const response: LookupResponse = {
      ...report,
      entities: report.entities.map((e) => ({
        ...e,
        traceability: { ...e.traceability, report_hash: reportHash, report_signature: signature, signed_at: signedAt, signing_key_id: keyId },
      })),
      integrity: {
        report_hash: reportHash,
        report_signature: signature,
        signed_at: signedAt,
        signing_key_id: keyId,
        signature_algorithm: 'RSASSA-PSS-SHA256',
        canonicalization: 'RFC8785',
      },
    };
    return { response, json: JSON.stringify(response) };
  }

  async #store(call: LookupCall, outcome: LookupOutcome, queriedAt: Date, records: LookupRecords): Promise<void> {
    const { response, json } = outcome;
    const integrity = response.integrity!;
    const owner = ownerOf(call.principal);
    const keep = this.#o.resultRetentionDays > 0;
    const expiresAt = new Date(queriedAt.getTime() + this.#o.resultRetentionDays * DAY_MS);
    const result = keep
      ? {
          requestId: response.request_id,
          ...owner,
          queriedAt,
          expiresAt,
          responseJson: json,
          reportHash: integrity.report_hash,
          reportSignature: integrity.report_signature,
          signingKeyId: integrity.signing_key_id,
          signedAt: new Date(integrity.signed_at),
        }
      : null;
    try {
      // One statement: result, entity ids, identifier index, lineage and audit record are
      // stored together or not at all.
      await writeLookup(this.#o.db, {
        result,
        entityIds: response.entities.map((e) => e.entity_id),
        identifiers: keep ? records.identifiers : [],
        lineage: keep && records.lineage ? { events: records.lineage.events, context: { requestId: response.request_id, ...owner, expiresAt } } : null,
        audit: response.audit,
      });
    } catch (err) {
      this.#o.logger.error({ err: (err as Error).message, request_id: response.request_id }, 'storing lookup failed');
      throw new ApiError('database_error');
    }
  }
}

function actorOf(principal: Principal): { id: string; name: string | null } {
  const r = principal.record;
  return r.type === 'user' ? { id: r.user_id ?? '', name: r.user_email } : { id: r.api_key_id ?? '', name: r.service_account_name };
}
