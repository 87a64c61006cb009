import { z } from 'zod';
import type { AnalysisTypeStatus } from '../contract/analysis.ts';
import type { Entity, LookupResponse } from '../contract/lookup.ts';
import type { ErrorDetail } from '../errors/catalogue.ts';
import type { ReaderScope } from '../store/entity-identifiers-repository.ts';
import type { Executor } from '../store/executor.ts';

/** What an analysis runs on: the subject entity as its lookup stored it, and read access. */
export interface AnalysisContext {
  readonly entityId: string;
  readonly entity: Entity;
  /** The stored lookup the entity came from. */
  readonly lookup: LookupResponse;
  readonly db: Executor;
  /** Whose stored lookups the caller may read; graph analyses see only those. */
  readonly reader: ReaderScope;
  readonly now: Date;
}

/** An analysis ends with a result, or fails with a message (a 200 with `status: failed`). */
export type AnalysisOutcome =
  | { readonly ok: true; readonly data: Record<string, unknown>; readonly confidence: number | null; readonly coverageNote: string | null }
  | { readonly ok: false; readonly message: string };

/** One entry of the catalogue, its parameters' types erased (see `defineAnalysisType`). */
export interface AnalysisType {
  readonly type: string;
  readonly status: AnalysisTypeStatus;
  /** Listed but not runnable here: `POST /v1/analysis` answers 501 `analysis_type_not_available`. */
  readonly deployed: boolean;
  readonly description: string;
  readonly subjectTypes: readonly string[];
  /** JSON Schema of the parameters, as `GET /v1/analysis/types/{type}` serves it. */
  readonly parametersSchema: Record<string, unknown>;
  readonly resultDescription: string;
  /** Validates parameters (unknown keys dropped, defaults filled) or names each bad field. */
  parseParameters(raw: unknown): { ok: true; value: Record<string, unknown> } | { ok: false; issues: ErrorDetail[] };
  run(context: AnalysisContext, parameters: Record<string, unknown>): Promise<AnalysisOutcome>;
}

export interface AnalysisTypeDefinition<P extends Record<string, unknown>> {
  readonly type: string;
  readonly status: AnalysisTypeStatus;
  readonly deployed?: boolean;
  readonly description: string;
  readonly subjectTypes: readonly string[];
  /** A zod object: optional fields with defaults; unknown keys are ignored (SPEC §9). */
  readonly parameters: z.ZodType<P>;
  readonly resultDescription: string;
  run(context: AnalysisContext, parameters: P): Promise<AnalysisOutcome>;
}

/**
 * Declares an analysis type: its catalogue entry, its parameters as a zod object (served as JSON
 * Schema) and its handler, which receives the parameters validated and typed.
 *
 * @example
 * export const timeline = defineAnalysisType({
 *   type: 'timeline', status: 'available', description: '…', subjectTypes: ['entity'],
 *   parameters: z.object({ include_retrievals: z.boolean().default(true) }),
 *   resultDescription: '…', run: async (ctx, p) => ({ ok: true, data: {}, confidence: null, coverageNote: null }),
 * });
 */
export function defineAnalysisType<P extends Record<string, unknown>>(definition: AnalysisTypeDefinition<P>): AnalysisType {
  const { $schema: _dialect, ...parametersSchema } = z.toJSONSchema(definition.parameters, { io: 'input' }) as Record<string, unknown>;
  return {
    type: definition.type,
    status: definition.status,
    deployed: definition.deployed ?? true,
    description: definition.description,
    subjectTypes: definition.subjectTypes,
    parametersSchema,
    resultDescription: definition.resultDescription,
    parseParameters(raw) {
      const parsed = definition.parameters.safeParse(raw ?? {});
      if (parsed.success) return { ok: true, value: parsed.data };
      return {
        ok: false,
        issues: parsed.error.issues.map((issue) => ({ field: ['parameters', ...issue.path.map(String)].join('.'), issue: issue.message })),
      };
    },
    run: (context, parameters) => definition.run(context, definition.parameters.parse(parameters)),
  };
}
