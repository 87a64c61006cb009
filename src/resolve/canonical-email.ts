/**
 * Mail providers whose own documentation says which spellings reach the same mailbox. Only
 * these get more than lower-casing: for any other domain `a.b+x@` and `ab@` may be different
 * people, so they stay different keys.
 * - Gmail: dots in the local part are ignored and `+tag` is dropped (Google Account Help,
 *   "Dots don't matter in Gmail addresses"; "Create task-specific email addresses");
 *   `googlemail.com` is the same service.
 * - Outlook.com / Hotmail / Live, Fastmail, Proton Mail: `+tag` sub-addressing (Microsoft
 *   "Plus addressing in Exchange Online", Fastmail "Plus addressing", Proton "+aliases").
 */
const DOTS_IGNORED: ReadonlySet<string> = new Set(['gmail.com']);
const PLUS_TAGS: ReadonlySet<string> = new Set([
  'gmail.com',
  'outlook.com',
  'hotmail.com',
  'live.com',
  'fastmail.com',
  'fastmail.fm',
  'protonmail.com',
  'proton.me',
  'pm.me',
]);
const DOMAIN_ALIASES: Readonly<Record<string, string>> = { 'googlemail.com': 'gmail.com' };

/**
 * The matching form of an email address: lower-cased (RFC 5321 lets servers treat the local
 * part as case-sensitive, but no mainstream provider does, and people type it both ways), with
 * the provider rules above applied. Null when the value has no `local@domain` shape.
 *
 * @example
 * canonicalEmail('John.Smith+news@GoogleMail.com') // 'johnsmith@gmail.com'
 * canonicalEmail('john.smith+news@example.com')    // 'john.smith+news@example.com'
 */
export function canonicalEmail(raw: string): string | null {
  const value = raw.trim().toLowerCase();
  const at = value.lastIndexOf('@');
  if (at <= 0 || at === value.length - 1) return null;
  let local = value.slice(0, at);
  let domain = value.slice(at + 1).replace(/\.$/, '');
  domain = DOMAIN_ALIASES[domain] ?? domain;
  if (PLUS_TAGS.has(domain)) {
    const plus = local.indexOf('+');
    if (plus > 0) local = local.slice(0, plus);
  }
  if (DOTS_IGNORED.has(domain)) local = local.replace(/\./g, '');
  return local.length === 0 ? null : `${local}@${domain}`;
}
