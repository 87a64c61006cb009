/** What a registry says about a domain's registration, from RDAP or from WHOIS. */
export interface RegistrationFacts {
  readonly source: 'rdap' | 'whois';
  /** Where it was read: the RDAP object URL or `whois://<server>`. */
  readonly url: string;
  readonly handle: string | null;
  readonly registrar: string | null;
  readonly registrarIanaId: string | null;
  readonly registrarAbuseEmail: string | null;
  readonly registrant: string | null;
  /** Calendar dates (YYYY-MM-DD) when the registry's text could be read as one. */
  readonly created: string | null;
  readonly expires: string | null;
  readonly updated: string | null;
  /** EPP spelling (`clientTransferProhibited`). */
  readonly status: readonly string[];
  /** Lower-case host names, registry order. */
  readonly nameservers: readonly string[];
  readonly whoisServer: string | null;
  readonly dnssecSigned: boolean | null;
}
