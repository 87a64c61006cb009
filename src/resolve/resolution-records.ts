import type { ConnectorRun } from '../connectors/runner.ts';
import type { Finding, FindingSubject } from '../connectors/sdk.ts';
import { type IdentityKey, keyOfSubject, keysOfFinding, makeKey, organizationKeys, registrableDomain } from './identity-keys.ts';
import { nameParts } from './name-matching.ts';
import { normalizeOrganizationName } from './organization-names.ts';
import { type Facts, factsOf } from './record-facts.ts';
import type { SourceInfo } from './source-table.ts';
import { compareStrings } from './stable-order.ts';

/**
 * A link from a record to someone or something it is not: the employer in a person's record,
 * an associate, a relative. Never used to cluster; it feeds the graph analyses.
 */
export interface AssociationKey {
  /** Same form as identity keys where one exists (`company:…`, `domain:…`), else `org:` / `person:`. */
  readonly id: string;
  readonly type: 'organization' | 'person';
  readonly label: string;
  readonly relation: string;
}

/** The unit the resolver clusters: the findings one connector read from one upstream record. */
export interface ResolutionRecord {
  /** Position in the lookup's stable order (connector order, then first appearance). */
  readonly index: number;
  /** Position of the connector run it came from in the lookup's runs. */
  readonly runIndex: number;
  readonly source: SourceInfo;
  readonly connectorId: string;
  /** The connector's own record id, when it gave one. */
  readonly recordRef: string | null;
  readonly findings: readonly Finding[];
  /** Identity keys from the values and from the `about` subjects, sorted by id. */
  readonly keys: readonly IdentityKey[];
  readonly associations: readonly AssociationKey[];
  readonly about: readonly FindingSubject[];
  readonly facts: Facts;
  /** The strongest finding: its confidence times the source's reliability. */
  readonly strength: number;
}

/**
 * Groups the findings of every run into records: by the connector's `record` id when given,
 * else by the set of query identifiers the findings describe.
 */
export function buildRecords(runs: readonly ConnectorRun[], sources: ReadonlyMap<string, SourceInfo>): ResolutionRecord[] {
  const records: ResolutionRecord[] = [];
  runs.forEach((run, runIndex) => {
    const source = sources.get(run.connector.manifest.id);
    if (!source) return;
    const groups = new Map<string, Finding[]>();
    for (const finding of run.findings) {
      const group = finding.record !== undefined ? `record:${finding.record}` : `about:${finding.about.map(subjectId).sort(compareStrings).join(',')}`;
      const list = groups.get(group);
      if (list) list.push(finding);
      else groups.set(group, [finding]);
    }
    for (const [group, findings] of groups) {
      const recordRef = group.startsWith('record:') ? group.slice(7) : null;
      records.push(makeRecord({ index: records.length, runIndex, source, connectorId: run.connector.manifest.id, recordRef }, findings));
    }
  });
  return records;
}

type RecordPlace = Pick<ResolutionRecord, 'index' | 'runIndex' | 'source' | 'connectorId' | 'recordRef'>;

function makeRecord(place: RecordPlace, findings: Finding[]): ResolutionRecord {
  const facts = factsOf(findings);
  const keys = new Map<string, IdentityKey>();
  for (const finding of findings) for (const key of keysOfFinding(finding, facts.kind === 'organization')) keys.set(key.id, key);
  const about = new Map<string, FindingSubject>();
  for (const finding of findings) for (const subject of finding.about) about.set(subjectId(subject), subject);
  for (const subject of about.values()) {
    const key = keyOfSubject(subject);
    if (key) keys.set(key.id, key);
  }
  return {
    ...place,
    findings,
    keys: [...keys.values()].sort((a, b) => compareStrings(a.id, b.id)),
    associations: associationsOf(findings, facts.kind === 'person'),
    about: [...about.entries()].sort(([a], [b]) => compareStrings(a, b)).map(([, s]) => s),
    facts,
    strength: Math.max(0, ...findings.map((f) => f.confidence * place.source.reliability)),
  };
}

export function subjectId(subject: FindingSubject): string {
  return `${subject.type}|${subject.normalized}`;
}

function associationsOf(findings: readonly Finding[], isPerson: boolean): AssociationKey[] {
  const found = new Map<string, AssociationKey>();
  for (const finding of findings) {
    const d = finding.data as Readonly<Record<string, unknown>>;
    if (finding.kind === 'organization' && isPerson) {
      const name = finding.data.organization_name;
      const keys = organizationKeys(d);
      const id = keys[0]?.id ?? `org:${normalizeOrganizationName(name)}`;
      found.set(id, { id, type: 'organization', label: name, relation: typeof d.job_title === 'string' ? d.job_title : 'employer' });
    } else if (finding.kind === 'associate' || finding.kind === 'relative') {
      const parts = nameParts(d);
      if (!parts) continue;
      const dob = typeof d.dob === 'string' ? d.dob : '';
      const id = `person:${parts.first}|${parts.last}|${dob}`;
      const label = [d.first_name, d.last_name].filter((v) => typeof v === 'string').join(' ') || `${parts.first} ${parts.last}`;
      const relation = finding.kind === 'relative' ? (typeof d.relative_type === 'string' ? d.relative_type : 'relative') : 'associate';
      found.set(id, { id, type: 'person', label, relation });
    } else if (finding.kind === 'email' && isPerson) {
      // A work address ties a person to the organization behind its domain (never a free-mail one).
      const domain = registrableDomain(finding.data.email.split('@')[1] ?? '');
      if (domain && d.type === 'work') found.set(makeKey('domain', domain).id, { id: makeKey('domain', domain).id, type: 'organization', label: domain, relation: 'work_email' });
    }
  }
  return [...found.values()].sort((a, b) => compareStrings(a.id, b.id));
}
