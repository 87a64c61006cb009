import type { ConnectorRun } from '../../src/connectors/runner.ts';
import { type Connector, defineManifest, type Finding, type FindingSubject } from '../../src/connectors/sdk.ts';
import type { Identifier } from '../../src/identifiers/identifier-types.ts';
import { checkIdentifier } from '../../src/identifiers/validate-identifier.ts';

/** Test support: connector runs as the runner returns them, without running anything. */
export interface RunSpec {
  readonly id: string;
  readonly reliability: number;
  readonly upstream?: string;
  readonly findings: readonly Finding[];
}

const STARTED = new Date('2026-01-02T03:04:05Z');

export function makeRuns(specs: readonly RunSpec[]): ConnectorRun[] {
  return specs.map((spec) => {
    const manifest = defineManifest({
      id: spec.id,
      name: `Source ${spec.id}`,
      description: 'test source',
      category: 'person_data',
      tier: 'primary',
      accepts: ['email', 'phone', 'username', 'name', 'company_name', 'domain'],
      credential_mode: 'intrace_managed',
      reliability: spec.reliability,
      ...(spec.upstream ? { upstream: spec.upstream } : {}),
    });
    const connector: Connector = { manifest, egress: [], run: () => Promise.reject(new Error('not run')), health: () => Promise.reject(new Error('not run')) };
    return { connector, identifiers: [], outcome: 'ok', findings: spec.findings, derived: [], detail: undefined, startedAt: STARTED, durationMs: 1 };
  });
}

export function identifier(type: Identifier['type'], value: string): Identifier {
  const check = checkIdentifier(type, value);
  if (!check.ok) throw new Error(`bad test identifier ${type} ${value}`);
  return { type, value, normalized: check.normalized };
}

/** The findings of one person record of a provider. */
export function personRecord(
  record: string,
  about: readonly FindingSubject[],
  person: { first: string; last: string; dob?: string; emails?: string[]; phones?: string[]; accounts?: [string, string][]; city?: string },
  confidence = 0.9,
): Finding[] {
  const findings: Finding[] = [
    { kind: 'person', data: { first_name: person.first, last_name: person.last, ...(person.dob ? { dob: person.dob } : {}) }, confidence, about, record },
  ];
  for (const email of person.emails ?? []) findings.push({ kind: 'email', data: { email }, confidence, about, record });
  for (const number of person.phones ?? []) findings.push({ kind: 'phone', data: { number }, confidence, about, record });
  for (const [platform, username] of person.accounts ?? []) findings.push({ kind: 'social_profile', data: { platform, username }, confidence, about, record });
  if (person.city) findings.push({ kind: 'address', data: { address: `1 Main St, ${person.city}` }, confidence, about, record });
  return findings;
}
