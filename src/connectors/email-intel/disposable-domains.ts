import { createRequire } from 'node:module';
import { parentDomains } from './free-providers.ts';

/**
 * The disposable (throw-away) mail domains of the `disposable-email-domains` package (MIT,
 * github.com/ivolo/disposable-email-domains): `index.json` lists domains, `wildcard.json` lists
 * domains whose every subdomain is disposable too. Loaded on first use, not at import: the list
 * is about 120,000 names.
 */
export class DisposableDomains {
  #exact: Set<string> | null = null;
  #wildcard: Set<string> | null = null;

  /**
   * @example
   * new DisposableDomains().isDisposable('mailinator.com') // true
   */
  isDisposable(domain: string): boolean {
    this.#load();
    const candidates = parentDomains(domain);
    if (this.#exact!.has(candidates[0] ?? '')) return true;
    return candidates.some((d) => this.#wildcard!.has(d));
  }

  /** How many domains the list holds (for the health probe). */
  size(): number {
    this.#load();
    return this.#exact!.size;
  }

  #load(): void {
    if (this.#exact !== null) return;
    const require = createRequire(import.meta.url);
    this.#exact = new Set((require('disposable-email-domains') as string[]).map((d) => d.toLowerCase()));
    this.#wildcard = new Set((require('disposable-email-domains/wildcard.json') as string[]).map((d) => d.toLowerCase()));
  }
}
