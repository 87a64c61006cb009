/**
 * Local parts that name a function rather than a person. RFC 2142 §§3–5 reserves the first
 * group for every mail domain; the rest are the shared and no-reply mailboxes seen on most
 * organisations' sites. A role address tells little about one person, and its local part is no
 * one's username, so the connector flags it and derives no username from it.
 * The list is documented in docs/web-connectors.md; keep the two in step.
 */
export const ROLE_ACCOUNTS: readonly string[] = [
  // RFC 2142
  'abuse', 'ftp', 'hostmaster', 'info', 'marketing', 'news', 'noc', 'postmaster', 'sales', 'security', 'support', 'usenet', 'uucp', 'webmaster', 'www',
  // administration
  'admin', 'administrator', 'root', 'sysadmin', 'it', 'helpdesk', 'help', 'devops', 'ops', 'dns', 'ssl-admin', 'mailer-daemon',
  // contact and service
  'contact', 'enquiries', 'enquiry', 'inquiries', 'inquiry', 'hello', 'hi', 'office', 'service', 'customerservice', 'customer-service', 'care', 'feedback', 'questions',
  // no-reply and automated
  'noreply', 'no-reply', 'no_reply', 'donotreply', 'do-not-reply', 'do_not_reply', 'notifications', 'notification', 'alerts', 'bounce', 'bounces', 'newsletter', 'mailer', 'automated',
  // departments
  'accounts', 'accounting', 'billing', 'finance', 'invoices', 'orders', 'sales-team', 'hr', 'jobs', 'careers', 'recruiting', 'recruitment', 'press', 'media', 'pr', 'legal', 'privacy', 'compliance', 'dpo', 'gdpr', 'investors', 'ir', 'partners', 'team', 'staff', 'all', 'everyone', 'events', 'membership', 'editor', 'editorial', 'bookings', 'reservations',
];

const ROLE_SET = new Set(ROLE_ACCOUNTS);

/**
 * True when the local part (case-insensitive, sub-address tag after '+' ignored) is a role
 * mailbox.
 *
 * @example
 * isRoleAccount('Support+tickets') // true
 * isRoleAccount('jane.doe')        // false
 */
export function isRoleAccount(localPart: string): boolean {
  return ROLE_SET.has(baseLocalPart(localPart).toLowerCase());
}

/**
 * The local part without its RFC 5233 sub-address ("+tag"); quoted local parts are left whole.
 *
 * @example
 * baseLocalPart('jane+news') // 'jane'
 */
export function baseLocalPart(localPart: string): string {
  if (localPart.startsWith('"')) return localPart;
  const plus = localPart.indexOf('+');
  return plus > 0 ? localPart.slice(0, plus) : localPart;
}
