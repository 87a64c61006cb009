/**
 * Control usernames: names that should not exist on a site, to tell a real profile page from a
 * page the site serves for every name (a soft 404). The catalogue's own unclaimed name is used
 * when it has one (Maigret); otherwise a random name that fits the site's `regexCheck`
 * (Sherlock's approach, whose manifests carry no unclaimed name).
 */
import { randomInt } from 'node:crypto';
import { compilePattern } from './python-regex.ts';
import type { SiteRule } from './site-rule.ts';

const ALPHABETS = ['abcdefghijklmnopqrstuvwxyz0123456789', 'abcdefghijklmnopqrstuvwxyz', '0123456789', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'];
const LENGTHS = [12, 10, 8, 14, 6, 16, 5, 20, 4];
// Patterns such as `\w+_\w+` (first_last names) want a separator in the middle.
const SEPARATORS = ['', '_', '.', '-'];

/** True when the site's `regexCheck` admits the username (no pattern admits everything). */
export function isUsernameAllowed(rule: SiteRule, username: string): boolean {
  return rule.usernamePattern === null || compilePattern(rule.usernamePattern).test(username);
}

/**
 * A random name the site's pattern admits, or null when no simple candidate fits (the site then
 * goes without a control).
 *
 * @example
 * randomControlUsername(rule) // 'q7k2m9x4b1zr'
 */
export function randomControlUsername(rule: SiteRule, random: (max: number) => number = randomInt): string | null {
  const word = (alphabet: string, length: number): string => {
    let text = '';
    for (let i = 0; i < length; i++) text += alphabet[random(alphabet.length)]!;
    return text;
  };
  for (const separator of SEPARATORS) {
    for (const length of LENGTHS) {
      for (const alphabet of ALPHABETS) {
        const half = Math.max(2, Math.floor(length / 2));
        const name = separator === '' ? word(alphabet, length) : `${word(alphabet, half)}${separator}${word(alphabet, half)}`;
        if (isUsernameAllowed(rule, name)) return name;
      }
    }
  }
  return null;
}

/** The control name for a site: its unclaimed name when it fits, else a random one. */
export function controlUsernameFor(rule: SiteRule, exclude: string): string | null {
  const own = rule.unclaimedUsername;
  if (own !== null && own.toLowerCase() !== exclude.toLowerCase() && isUsernameAllowed(rule, own)) return own;
  return randomControlUsername(rule);
}
