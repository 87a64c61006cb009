import type { ConnectorRun } from '../connectors/runner.ts';
import type { FindingSubject } from '../connectors/sdk.ts';
import type { Identifier } from '../identifiers/identifier-types.ts';
import { checkIdentifier } from '../identifiers/validate-identifier.ts';

/** The identifiers the first wave derived that the query did not already hold, validated and deduplicated. */
export function derivedIdentifiers(runs: readonly ConnectorRun[], query: readonly Identifier[]): Identifier[] {
  const asked = new Set(query.map((i) => `${i.type}|${i.normalized}`));
  return dedupe(runs.flatMap((r) => r.derived.map((d) => toIdentifier(d.type, d.value)).filter((i): i is Identifier => i !== null))).filter(
    (i) => !asked.has(`${i.type}|${i.normalized}`),
  );
}

/**
 * A finding about a derived identifier (a username read from an email, an address a domain
 * resolves to) is also about the query identifiers it was derived from: the resolver links it
 * to them instead of leaving it an orphan.
 */
export function attributeToOrigins(second: readonly ConnectorRun[], first: readonly ConnectorRun[]): ConnectorRun[] {
  const origins = new Map<string, FindingSubject[]>();
  for (const run of first) {
    for (const d of run.derived) {
      const id = toIdentifier(d.type, d.value);
      if (!id) continue;
      const key = `${id.type}|${id.normalized}`;
      const list = origins.get(key) ?? [];
      for (const q of run.identifiers) if (!list.some((s) => s.type === q.type && s.normalized === q.normalized)) list.push({ type: q.type, normalized: q.normalized });
      origins.set(key, list);
    }
  }
  return second.map((run) => ({
    ...run,
    findings: run.findings.map((f) => {
      const extra = f.about.flatMap((a) => origins.get(`${a.type}|${a.normalized}`) ?? []).filter((o) => !f.about.some((a) => a.type === o.type && a.normalized === o.normalized));
      return extra.length === 0 ? f : { ...f, about: [...f.about, ...extra] };
    }),
  }));
}

function toIdentifier(type: Identifier['type'], value: string): Identifier | null {
  const check = checkIdentifier(type, value);
  return check.ok ? { type, value, normalized: check.normalized } : null;
}

function dedupe(identifiers: readonly Identifier[]): Identifier[] {
  const seen = new Map<string, Identifier>();
  for (const i of identifiers) if (!seen.has(`${i.type}|${i.normalized}`)) seen.set(`${i.type}|${i.normalized}`, i);
  return [...seen.values()];
}
