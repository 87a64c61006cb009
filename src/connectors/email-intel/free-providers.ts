/**
 * Registrable domains of free consumer mailbox providers. An address there says nothing about
 * an employer or an organisation, unlike one on a company domain. Subdomains count as the
 * provider (e.g. `mail.yahoo.co.jp` is not listed, `yahoo.co.jp` is).
 */
export const FREE_PROVIDERS: readonly string[] = [
  'gmail.com', 'googlemail.com',
  'outlook.com', 'hotmail.com', 'hotmail.co.uk', 'hotmail.fr', 'hotmail.de', 'hotmail.it', 'hotmail.es', 'live.com', 'live.co.uk', 'live.fr', 'msn.com',
  'yahoo.com', 'yahoo.co.uk', 'yahoo.fr', 'yahoo.de', 'yahoo.it', 'yahoo.es', 'yahoo.co.jp', 'yahoo.com.br', 'ymail.com', 'rocketmail.com',
  'aol.com', 'aim.com',
  'icloud.com', 'me.com', 'mac.com',
  'proton.me', 'protonmail.com', 'protonmail.ch', 'pm.me',
  'tutanota.com', 'tutanota.de', 'tuta.io', 'tutamail.com',
  'gmx.com', 'gmx.net', 'gmx.de', 'gmx.at', 'gmx.ch', 'web.de',
  'mail.com', 'email.com', 'zoho.com', 'zohomail.com', 'yandex.com', 'yandex.ru', 'ya.ru', 'mail.ru', 'inbox.ru', 'bk.ru', 'list.ru', 'rambler.ru',
  'qq.com', '163.com', '126.com', 'sina.com', 'yeah.net', 'naver.com', 'daum.net', 'hanmail.net',
  'laposte.net', 'orange.fr', 'free.fr', 'sfr.fr', 'libero.it', 'virgilio.it', 'tiscali.it', 't-online.de', 'freenet.de', 'seznam.cz', 'wp.pl', 'o2.pl', 'interia.pl', 'onet.pl',
  'btinternet.com', 'sky.com', 'comcast.net', 'verizon.net', 'att.net', 'sbcglobal.net', 'rediffmail.com', 'hushmail.com', 'fastmail.com', 'fastmail.fm', 'mailfence.com', 'posteo.de', 'disroot.org', 'riseup.net',
];

const FREE_SET = new Set(FREE_PROVIDERS);

/**
 * True when the domain or one of its parent domains is a free mailbox provider.
 *
 * @example
 * isFreeProvider('gmail.com')         // true
 * isFreeProvider('mail.example.com')  // false
 */
export function isFreeProvider(domain: string): boolean {
  return parentDomains(domain).some((d) => FREE_SET.has(d));
}

/** `a.b.example.com` → `['a.b.example.com', 'b.example.com', 'example.com', 'com']`. */
export function parentDomains(domain: string): string[] {
  const labels = domain.toLowerCase().replace(/\.$/, '').split('.');
  return labels.map((_, i) => labels.slice(i).join('.'));
}
