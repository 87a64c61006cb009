import { classifyAddressLiteral } from './address-literal.ts';
import { DIAGNOSES, type DiagnosisName } from './email-diagnoses.ts';
import { asciiLength } from './punycode.ts';

// RFC 5322 §3.2.3: printable US-ASCII characters that are not atext.
const SPECIALS = new Set(['(', ')', '<', '>', '[', ']', ':', ';', '@', '\\', ',', '.', '"']);
const MAX_LOCAL_OCTETS = 64; // RFC 5321 §4.5.3.1.1
const MAX_LABEL_OCTETS = 63; // RFC 1035 §2.3.4, RFC 5890 §2.3.2.1 for A-labels
const MAX_DOMAIN_OCTETS = 255; // RFC 5321 §4.5.3.1.2
const MAX_ADDRESS_OCTETS = 254; // RFC 5321 §4.5.3.1.3 path limit minus the angle brackets (RFC 3696 erratum 1690)

/** C0 controls and space: is_email counts %d0-32 as one class. */
const isC0 = (code: number): boolean => code <= 32;
/** DEL and the C1 controls. */
const isC1 = (code: number): boolean => code >= 127 && code <= 159;
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
  readonly #runes: string[];
  #at = 0;
  readonly #found: DiagnosisName[] = [];
  #worst = 0;

  constructor(address: string) {
    this.#runes = Array.from(address);
  }

  read(): MailboxReading {
    const localParts = this.#readLocal();
    if (this.#found.includes('errNoDomain')) return { localParts, domainParts: [], diagnoses: this.#found };
    const domainParts = this.#readDomain();
    const domain = domainParts.join('.');
    // eslint-disable-next-line no-control-regex
    const domainOctets = /^[\x00-\x7f]*$/.test(domain) ? domain.length : asciiLength(domain);
    if (octets(localParts.join('.')) + 1 + domainOctets > MAX_ADDRESS_OCTETS) this.#note('rfc5322TooLong');
    return { localParts, domainParts, diagnoses: this.#found };
  }

  #note(name: DiagnosisName): void {
    this.#found.push(name);
    this.#worst = Math.max(this.#worst, DIAGNOSES[name]);
  }

  #peek(): string | undefined {
    return this.#runes[this.#at];
  }

  #next(): string | undefined {
    return this.#runes[this.#at++];
  }

  /** After a CR: a CRLF pair is folding white space; a bare CR is an error. */
  #takeLineFeed(): void {
    if (this.#peek() === '\n') this.#at++;
    else this.#note('errCRNoLF');
  }

  // local-part = dot-atom / quoted-string / obs-local-part (RFC 5322 §3.4.1)
  #readLocal(): string[] {
    const parts: string[] = [];
    const state = { element: '', pending: null as Pending, octets: 0, afterCfws: false };
    for (let rune = this.#next(); rune !== undefined; rune = this.#next()) {
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
      this.#skipComment();
      state.afterCfws = true;
      return;
    }
    if (rune === '\r' || rune === ' ' || rune === '\t') {
      if (rune === '\r') this.#takeLineFeed();
      if (state.element === '') this.#note(first ? 'cfwsFWS' : 'deprecatedFWS');
      else state.pending = 'cfws';
      this.#skipFoldingSpace(rune);
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
    const quoted = this.#readQuotedString();
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
    for (let rune = this.#next(); rune !== undefined; rune = this.#next()) this.#domainRune(rune, parts, state);
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
      this.#skipComment();
    } else if (rune === '\r' || rune === ' ' || rune === '\t') {
      if (rune === '\r') this.#takeLineFeed();
      if (state.element === '') this.#note(first ? 'deprecatedCFWSNearAt' : 'deprecatedFWS');
      else {
        this.#note('cfwsFWS');
        state.pending = 'cfws';
      }
      this.#skipFoldingSpace(rune);
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
    state.element += `[${this.#readDomainLiteral()}`;
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

  // domain-literal = [CFWS] "[" *([FWS] dtext) [FWS] "]" [CFWS]; returns the text after "[".
  #readDomainLiteral(): string {
    let literal = '';
    for (let rune = this.#next(); rune !== undefined; rune = this.#next()) {
      if (rune === ']') {
        this.#closeDomainLiteral(literal);
        return `${literal}]`;
      }
      if (rune === '\\') {
        this.#note('rfc5322DomainLiteralOBSDText');
        this.#readQuotedPair();
      } else if (rune === '\r' || rune === ' ' || rune === '\t') {
        if (rune === '\r') this.#takeLineFeed();
        this.#note('cfwsFWS');
        this.#skipFoldingSpace(rune);
      } else {
        const code = rune.codePointAt(0) ?? 0;
        // dtext is printable US-ASCII (RFC 5322 §3.4.1); is_email does not extend it to UTF-8.
        if (code > 127 || code === 0 || rune === '[') {
          this.#note('errExpectingDTEXT');
          continue;
        }
        if (isC0(code) || code === 127) this.#note('rfc5322DomainLiteralOBSDText');
        literal += rune;
      }
    }
    this.#note('errUnclosedDomainLiteral');
    return literal;
  }

  #closeDomainLiteral(literal: string): void {
    // Once the address is beyond RFC 5321 anyway, the literal is only an RFC 5322 one.
    if (this.#worst >= 63) this.#note('rfc5322DomainLiteral');
    else for (const name of classifyAddressLiteral(literal)) this.#note(name);
  }

  // quoted-string = [CFWS] DQUOTE *([FWS] qcontent) [FWS] DQUOTE [CFWS]; returns it with its quotes.
  #readQuotedString(): string {
    let text = '';
    for (let rune = this.#next(); rune !== undefined; rune = this.#next()) {
      if (rune === '"') return `"${text}"`;
      if (rune === '\\') text += `\\${this.#readQuotedPair() ?? ''}`;
      else if (rune === '\r' || rune === '\t') {
        if (rune === '\r') this.#takeLineFeed();
        // RFC 5322 §3.2.4: folding inside a quoted string reads as one space.
        text += ' ';
        this.#note('cfwsFWS');
        this.#skipFoldingSpace(rune);
      } else {
        const code = rune.codePointAt(0) ?? 0;
        if (isLoneSurrogate(code)) this.#note('errMalformedUnicode');
        else if ((code !== 127 && isC1(code)) || code === 0 || code === 10) this.#note('errExpectingQTEXT');
        // RFC 5321 qtextSMTP includes the space (%d32), and RFC 5322 reads it as FWS; is_email
        // flags it as obsolete qtext, which would make '"jane doe"@example.com' deprecated.
        else if ((isC0(code) && code !== 32) || code === 127) this.#note('deprecatedQTEXT');
        text += rune;
      }
    }
    this.#note('errUnclosedQuotedString');
    return text;
  }

  // quoted-pair = ("\" (VCHAR / WSP)) / obs-qp (RFC 5322 §3.2.1)
  #readQuotedPair(): string | null {
    const rune = this.#next();
    if (rune === undefined) {
      this.#note('errBackslashEnd');
      return null;
    }
    const code = rune.codePointAt(0) ?? 0;
    if (isLoneSurrogate(code)) this.#note('errMalformedUnicode');
    // quoted-pair quotes VCHAR or WSP: US-ASCII only, as is_email reads RFC 5322 §3.2.1.
    else if (code > 127) this.#note('errExpectingQPair');
    else if ((code < 31 && code !== 9) || code === 127) this.#note('deprecatedQP');
    return rune;
  }

  // comment = "(" *([FWS] ccontent) [FWS] ")"; ccontent = ctext / quoted-pair / comment
  #skipComment(): void {
    let depth = 1;
    for (let rune = this.#next(); rune !== undefined; rune = this.#next()) {
      if (rune === '(') depth++;
      else if (rune === ')') {
        if (--depth === 0) return;
      } else if (rune === '\\') this.#readQuotedPair();
      else if (rune === '\r' || rune === ' ' || rune === '\t') {
        if (rune === '\r') this.#takeLineFeed();
        this.#note('cfwsFWS');
        this.#skipFoldingSpace(rune);
      } else {
        const code = rune.codePointAt(0) ?? 0;
        if (code === 0 || code === 10 || (code !== 127 && isC1(code))) this.#note('errExpectingCTEXT');
        else if (isC0(code) || code === 127) this.#note('deprecatedCTEXT');
      }
    }
    this.#note('errUnclosedComment');
  }

  // FWS = ([*WSP CRLF] 1*WSP) / obs-FWS, with erratum 1908 allowing several folds (obsolete).
  #skipFoldingSpace(first: string): void {
    let previous = first;
    let folds = 0;
    for (let rune = this.#peek(); rune !== undefined; rune = this.#peek()) {
      if (previous === '\r') {
        if (rune === '\r') {
          this.#note('errFWSCRLFx2');
          this.#at++;
          continue;
        }
        if (++folds > 1) this.#note('deprecatedFWS');
      }
      if (rune === '\r') {
        this.#at++;
        this.#takeLineFeed();
      } else if (rune === ' ' || rune === '\t') this.#at++;
      else {
        // A fold must be followed by white space.
        if (previous === '\r') this.#note('errFWSCRLFEnd');
        return;
      }
      previous = rune;
    }
    if (previous === '\r') this.#note('errFWSCRLFEnd');
  }
}

/** Half of a UTF-16 surrogate pair without the other half: not a character at all. */
function isLoneSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdfff;
}

/** ASCII letters and digits, and every code point from U+00C0 on (internationalised labels). */
function isLetterOrDigit(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code >= 192;
}
