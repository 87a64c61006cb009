import type { DerivedIdentifier, Finding, FindingSubject, JsonValue } from '../sdk.ts';
import type { EmailDiagnosis } from './email-diagnosis.ts';
import type { GravatarProfile } from './gravatar-client.ts';
import type { MailRouting } from './mx-lookup.ts';

/** Everything the connector learned about one address. */
export interface EmailFacts {
  readonly email: string;
  readonly diagnosis: EmailDiagnosis;
  readonly disposable: boolean;
  readonly roleAccount: boolean;
  readonly freeProvider: boolean;
  /** Null when DNS was not asked (address literal) or failed. */
  readonly routing: MailRouting | null;
  readonly gravatar: GravatarProfile | null;
}

/** The `emails[]` finding: syntax diagnosis, mail routing and the offline flags. */
export function emailFinding(facts: EmailFacts, about: FindingSubject): Finding {
  const { diagnosis, routing } = facts;
  const hasMx = routing === null ? null : routing.kind === 'mx';
  return {
    kind: 'email',
    data: {
      email: facts.email,
      valid_syntax: diagnosis.deliverable,
      diagnosis: diagnosis.diagnosis,
      diagnosis_category: diagnosis.category,
      local_part: diagnosis.localPart,
      domain: diagnosis.domain,
      has_mx: hasMx,
      mx_hosts: routing?.kind === 'mx' ? routing.hosts.map((h) => h.exchange) : [],
      ...(routing?.kind === 'null_mx' ? { null_mx: true } : {}),
      ...(routing?.kind === 'no_domain' ? { domain_exists: false } : {}),
      ...(routing?.kind === 'no_mx' ? { implicit_mx: routing.hasAddress } : {}),
      disposable: facts.disposable,
      role_account: facts.roleAccount,
      free_provider: facts.freeProvider,
      gravatar_profile: facts.gravatar !== null,
    },
    confidence: confidenceOf(facts),
    about: [about],
    evidence: { method: 'rfc5321/5322 syntax diagnosis, DNS MX lookup, offline domain lists', detail: `diagnosis ${diagnosis.diagnosis}` },
  };
}

/**
 * How sure the engine may be that the address is a working, real mailbox: the syntax is
 * certain, mail routing makes delivery plausible, a public profile makes it likely.
 */
function confidenceOf(facts: EmailFacts): number {
  if (!facts.diagnosis.deliverable) return 0.3;
  if (facts.gravatar !== null) return 0.95;
  const routing = facts.routing;
  if (routing?.kind === 'mx') return facts.disposable ? 0.6 : 0.85;
  if (routing?.kind === 'null_mx' || routing?.kind === 'no_domain') return 0.4;
  return 0.7;
}

/** The Gravatar profile as a `social_profiles[]` finding, and the person name it gives. */
export function gravatarFindings(profile: GravatarProfile, about: FindingSubject, evidenceUrl: string | null): Finding[] {
  const evidence = { ...(evidenceUrl !== null ? { url: evidenceUrl } : {}), status: 200, method: 'gravatar public profile JSON' };
  const findings: Finding[] = [
    {
      kind: 'social_profile',
      data: {
        platform: 'gravatar',
        ...(profile.username !== null ? { username: profile.username } : {}),
        ...(profile.profileUrl !== null ? { profile_url: profile.profileUrl } : {}),
        ...(profile.photo !== null ? { profile_photo: profile.photo } : {}),
        ...(profile.aboutMe !== null ? { bio: profile.aboutMe } : {}),
        extended: gravatarExtended(profile),
      },
      // The profile is keyed by the address's hash: it belongs to whoever controls the address.
      confidence: 0.9,
      about: [about],
      evidence,
    },
  ];
  const { given, family, formatted } = profile.name;
  if (given !== null || family !== null || formatted !== null) {
    findings.push({
      kind: 'person',
      data: {
        ...(given !== null ? { first_name: given } : {}),
        ...(family !== null ? { last_name: family } : {}),
        ...(formatted !== null ? { full_name: formatted } : {}),
      },
      // Self-declared on a profile, not verified.
      confidence: 0.6,
      about: [about],
      evidence,
    });
  }
  return findings;
}

function gravatarExtended(profile: GravatarProfile): Record<string, JsonValue> {
  const extended: Record<string, JsonValue> = { hash_type: profile.hashType };
  if (profile.displayName !== null) extended.display_name = profile.displayName;
  if (profile.location !== null) extended.location = profile.location;
  if (profile.jobTitle !== null) extended.job_title = profile.jobTitle;
  if (profile.company !== null) extended.company = profile.company;
  if (profile.pronouns !== null) extended.pronouns = profile.pronouns;
  if (profile.urls.length > 0) extended.urls = profile.urls.map((u) => ({ title: u.title, url: u.url }));
  if (profile.accounts.length > 0) {
    extended.accounts = profile.accounts.map((a) => ({ platform: a.platform, username: a.username, url: a.url, verified: a.verified }));
  }
  return extended;
}

/** Identifiers for the second wave: linked account URLs of the Gravatar profile. */
export function gravatarDerived(profile: GravatarProfile): DerivedIdentifier[] {
  return profile.accounts.filter((a) => /^https?:\/\//i.test(a.url)).map((a) => ({ type: 'social_url', value: a.url }));
}
