import type { DiagnosisName } from './email-diagnoses.ts';
import { readDomainLiteral, readQuotedString, skipComment, skipFoldingSpace } from './mailbox-lexemes.ts';
import { asciiLength } from './punycode.ts';
import { isC0, isC1, isLoneSurrogate, RuneCursor } from './rune-cursor.ts';

// RFC 5322 §3.2.3: printable US-ASCII characters that are not atext.
const SPECIALS = new Set(['(', ')', '<', '>', '[', ']', ':', ';', '@', '\\', ',', '.', '"']);
const MAX_LOCAL_OCTETS = 64; // RFC 5321 §4.5.3.1.1
const MAX_LABEL_OCTETS = 63; // RFC 1035 §2.3.4, RFC 5890 §2.3.2.1 for A-labels
const MAX_DOMAIN_OCTETS = 255; // RFC 5321 §4.5.3.1.2
const MAX_ADDRESS_OCTETS = 254; // RFC 5321 §4.5.3.1.3 path limit minus the angle brackets (RFC 3696 erratum 1690)

const octets = (text: string): number => Buffer.byteLength(text, 'utf8');

type Pending = null | 'cfws' | 'quoted' | 'literal';

/** What reading an address found: its parts as read, and every diagnosis raised, in order. */
export interface MailboxReading {
  readonly localParts: readonly string[];
  readonly domainParts: readonly string[];
  readonly diagnoses: readonly DiagnosisName[];
}

/**
 * A single pass over an address (as Unicode code points) following the RFC 5321 Mailbox and
 * RFC 5322 addr-spec grammars at once, recording a diagnosis wherever the address leaves the
 * stricter grammar. Reading goes on after an error, as is_email does, so every diagnosis of the
 * address is listed in the order met. Comments nest with a depth counter, not recursion, so
 * no input can exhaust the stack.
 */
export class MailboxReader {
  readonly #c: RuneCursor;

  constructor(address: string) {
    this.#c = new RuneCursor(address);
  }

  read(): MailboxReading {
    const localParts = this.#readLocal();
    if (this.#c.found.includes('errNoDomain')) return { localParts, domainParts: [], diagnoses: this.#c.found };
    const domainParts = this.#readDomain();
    const domain = domainParts.join('.');
    // eslint-disable-next-line no-control-regex
    const domainOctets = /^[\x00-\x7f]*$/.test(domain) ? domain.length : asciiLength(domain);
    if (octets(localParts.join('.')) + 1 + domainOctets > MAX_ADDRESS_OCTETS) this.#note('rfc5322TooLong');
    return { localParts, domainParts, diagnoses: this.#c.found };
  }

  #note(name: DiagnosisName): void {
    this.#c.note(name);
  }

  // local-part = dot-atom / quoted-string / obs-local-part (RFC 5322 §3.4.1)
  #readLocal(): string[] {
    const parts: string[] = [];
    const state = { element: '', pending: null as Pending, octets: 0, afterCfws: false };
    for (let rune = this.#c.next(); rune !== undefined; rune = this.#c.next()) {
      if (rune === '@') {
        this.#closeLocal(parts, state);
        return parts;
      }
      this.#localRune(rune, parts, state);
    }
    this.#note('errNoDomain');
    if (state.element !== '') parts.push(state.element);
    return parts;
  }

  #localRune(rune: string, parts: string[], state: { element: string; pending: Pending; octets: number; afterCfws: boolean }): void {
    const first = parts.length === 0;
    if (rune === '(') {
      if (state.element === '') this.#note(first ? 'cfwsComment' : 'deprecatedComment');
      else {
        this.#note('cfwsComment');
        state.pending = 'cfws';
      }
      skipComment(this.#c);
      state.afterCfws = true;
      return;
    }
    if (rune === '\r' || rune === ' ' || rune === '\t') {
      if (rune === '\r') this.#c.takeLineFeed();
      if (state.element === '') this.#note(first ? 'cfwsFWS' : 'deprecatedFWS');
      else state.pending = 'cfws';
      skipFoldingSpace(this.#c, rune);
      state.afterCfws = true;
      return;
    }
    state.afterCfws = false;
    if (rune === '.') this.#localDot(parts, state);
    else if (rune === '"') this.#localQuoted(first, state);
    else this.#localAtext(rune, state);
  }

  #localDot(parts: string[], state: { element: string; pending: Pending; octets: number }): void {
    if (state.element === '') {
      this.#note(parts.length === 0 ? 'errDotStart' : 'errConsecutiveDots');
      return;
    }
    // A quoted or commented word followed by more words is the obsolete obs-local-part.
    if (state.pending !== null) this.#note('deprecatedLocalPart');
    state.pending = null;
    parts.push(state.element);
    state.element = '';
    state.octets += 1;
  }

  #localQuoted(first: boolean, state: { element: string; pending: Pending; octets: number }): void {
    if (state.element !== '') {
      this.#note('errExpectingATEXT');
      return;
    }
    // RFC 5321 accepts a local part that is one quoted string; a quoted word among others is obsolete.
    this.#note(first ? 'rfc5321QuotedString' : 'deprecatedLocalPart');
    state.pending = 'quoted';
    const quoted = readQuotedString(this.#c);
    state.octets += octets(quoted);
    state.element += quoted;
  }

  #localAtext(rune: string, state: { element: string; pending: Pending; octets: number }): void {
    if (state.pending !== null) {
      this.#note(state.pending === 'cfws' ? 'errATEXTAfterCFWS' : 'errATEXTAfterQS');
      return;
    }
    const code = rune.codePointAt(0) ?? 0;
    if (isLoneSurrogate(code)) this.#note('errMalformedUnicode');
    else if (SPECIALS.has(rune) || isC0(code) || isC1(code)) this.#note('errExpectingATEXT');
    state.element += rune;
    state.octets += octets(rune);
  }

  #closeLocal(parts: string[], state: { element: string; octets: number; afterCfws: boolean }): void {
    if (state.element !== '') parts.push(state.element);
    if (parts.length === 0) this.#note('errNoLocalPart');
    else {
      if (state.element === '') this.#note('errDotEnd');
      if (state.octets > MAX_LOCAL_OCTETS) this.#note('rfc5322LocalTooLong');
    }
    // RFC 5322 §3.4.1: comments and folding white space SHOULD NOT be used around the "@".
    if (state.afterCfws) this.#note('deprecatedCFWSNearAt');
  }

  // domain = dot-atom / domain-literal / obs-domain (RFC 5322 §3.4.1); RFC 5321 sub-domains are LDH.
  #readDomain(): string[] {
    const parts: string[] = [];
    const state = { element: '', pending: null as Pending };
    for (let rune = this.#c.next(); rune !== undefined; rune = this.#c.next()) this.#domainRune(rune, parts, state);
    if (state.element !== '') parts.push(state.element);
    if (parts.length === 0) this.#note('errNoDomain');
    else if (state.element === '') this.#note('errDotEnd');
    else this.#checkLastLabel(state.element, parts);
    return parts;
  }

  #domainRune(rune: string, parts: string[], state: { element: string; pending: Pending }): void {
    const first = parts.length === 0;
    if (rune === '(') {
      if (state.element === '') this.#note(first ? 'deprecatedCFWSNearAt' : 'deprecatedComment');
      else {
        this.#note('cfwsComment');
        state.pending = 'cfws';
      }
      skipComment(this.#c);
    } else if (rune === '\r' || rune === ' ' || rune === '\t') {
      if (rune === '\r') this.#c.takeLineFeed();
      if (state.element === '') this.#note(first ? 'deprecatedCFWSNearAt' : 'deprecatedFWS');
      else {
        this.#note('cfwsFWS');
        state.pending = 'cfws';
      }
      skipFoldingSpace(this.#c, rune);
    } else if (rune === '.') this.#domainDot(parts, state);
    else if (rune === '[') this.#domainLiteralStart(parts, state);
    else this.#domainAtext(rune, state);
  }

  #domainDot(parts: string[], state: { element: string; pending: Pending }): void {
    if (state.pending === 'literal') this.#note('errDotAfterDomainLiteral');
    if (state.element === '') this.#note(parts.length === 0 ? 'errDotStart' : 'errConsecutiveDots');
    else if (state.element.endsWith('-')) this.#note('errDomainHyphenEnd');
    else if (asciiLength(state.element) > MAX_LABEL_OCTETS) this.#note('rfc5322LabelTooLong');
    state.pending = null;
    parts.push(state.element);
    state.element = '';
  }

  #domainLiteralStart(parts: string[], state: { element: string; pending: Pending }): void {
    if (state.element !== '') {
      parts.push(state.element);
      state.element = '';
    }
    // A domain literal must be the whole domain.
    if (parts.length > 0) {
      this.#note('errExpectingATEXT');
      return;
    }
    state.pending = 'literal';
    state.element += `[${readDomainLiteral(this.#c)}`;
  }

  #domainAtext(rune: string, state: { element: string; pending: Pending }): void {
    if (state.pending !== null) this.#note(state.pending === 'cfws' ? 'errATEXTAfterCFWS' : 'errATEXTAfterDomainLiteral');
    const code = rune.codePointAt(0) ?? 0;
    if (isLoneSurrogate(code)) this.#note('errMalformedUnicode');
    else if (SPECIALS.has(rune) || isC0(code) || isC1(code)) this.#note('errExpectingATEXT');
    else if (rune === '-') {
      if (state.element === '') this.#note('errDomainHyphenStart');
    } else if (!isLetterOrDigit(code)) {
      // atext, so RFC 5322 accepts it, but not a letter, digit or hyphen as RFC 5321 requires.
      this.#note('rfc5322Domain');
    }
    state.element += rune;
  }

  #checkLastLabel(label: string, parts: readonly string[]): void {
    if (label.endsWith('-')) this.#note('errDomainHyphenEnd');
    // A top-level label starting with a digit cannot be a DNS TLD (RFC 3696 §2).
    if ((label.codePointAt(0) ?? 0) <= 57) this.#note('rfc5321TLDNumeric');
    if (asciiLength(label) > MAX_LABEL_OCTETS) this.#note('rfc5322LabelTooLong');
    if (asciiLength(parts.join('.')) > MAX_DOMAIN_OCTETS) this.#note('rfc5322DomainTooLong');
  }
}

/** ASCII letters and digits, and every code point from U+00C0 on (internationalised labels). */
function isLetterOrDigit(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code >= 192;
}
