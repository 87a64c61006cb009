import { isSupportedCountry, type CountryCode } from 'libphonenumber-js/max';
import { parse as parseDomain } from 'tldts';
import type { PageMetadata } from '../web-common/html-metadata.ts';

// Country-code TLDs whose ISO 3166 code differs.
const CCTLD_TO_ISO: Readonly<Record<string, string>> = { uk: 'GB', el: 'GR' };
// Country-code TLDs sold worldwide as generic names: they say nothing about the country.
const GENERIC_CCTLDS = new Set(['io', 'co', 'tv', 'me', 'ai', 'ly', 'fm', 'gg', 'to', 'cc', 'ws', 'la', 'sh', 'ac', 'is', 'it', 'vc', 'so', 'im', 'am', 'gl', 'dj', 'md', 'nu', 'tk', 'ml', 'ga', 'cf', 'gq', 'xyz']);

/**
 * The country a page's national-format phone numbers most likely belong to: the region of
 * `og:locale` (`en_GB`), then of `<html lang>` (`fr-FR`), then the host's country-code TLD.
 * A bare language (`de`) is no hint: German is written in several countries. Null when
 * nothing points to a country; then only international-format numbers are read.
 *
 * @example
 * phoneCountryHint(metadataOf('<html lang="fr-FR">'), 'https://example.com/') // 'FR'
 */
export function phoneCountryHint(metadata: PageMetadata, pageUrl: string): CountryCode | null {
  const candidates = [regionOf(metadata.openGraph.locale), regionOf(metadata.language), ccTldOf(pageUrl)];
  for (const candidate of candidates) if (candidate !== null && isSupportedCountry(candidate)) return candidate;
  return null;
}

function regionOf(tag: string | null | undefined): string | null {
  const match = tag !== null && tag !== undefined ? /^[a-z]{2,3}[-_]([a-z]{2})\b/i.exec(tag.trim()) : null;
  return match?.[1] !== undefined ? match[1].toUpperCase() : null;
}

function ccTldOf(pageUrl: string): string | null {
  try {
    const suffix = parseDomain(new URL(pageUrl).hostname).publicSuffix ?? '';
    const tld = suffix.split('.').pop() ?? '';
    if (!/^[a-z]{2}$/.test(tld) || GENERIC_CCTLDS.has(tld)) return null;
    return CCTLD_TO_ISO[tld] ?? tld.toUpperCase();
  } catch {
    return null;
  }
}
