import { classifyAddressLiteral } from './address-literal.ts';
import type { RuneCursor } from './rune-cursor.ts';
import { isC0, isC1, isLoneSurrogate } from './rune-cursor.ts';

/**
 * The lexical pieces of RFC 5322 that can appear in either half of an address: domain
 * literals, quoted strings and pairs, comments, folding white space. Each reads from the
 * cursor and records its diagnoses there.
 */

/** domain-literal = [CFWS] "[" *([FWS] dtext) [FWS] "]" [CFWS]; returns the text after "[". */
export function readDomainLiteral(c: RuneCursor): string {
  let literal = '';
  for (let rune = c.next(); rune !== undefined; rune = c.next()) {
    if (rune === ']') {
      closeDomainLiteral(c, literal);
      return `${literal}]`;
    }
    if (rune === '\\') {
      c.note('rfc5322DomainLiteralOBSDText');
      readQuotedPair(c);
    } else if (rune === '\r' || rune === ' ' || rune === '\t') {
      if (rune === '\r') c.takeLineFeed();
      c.note('cfwsFWS');
      skipFoldingSpace(c, rune);
    } else {
      const code = rune.codePointAt(0) ?? 0;
      // dtext is printable US-ASCII (RFC 5322 §3.4.1); is_email does not extend it to UTF-8.
      if (code > 127 || code === 0 || rune === '[') {
        c.note('errExpectingDTEXT');
        continue;
      }
      if (isC0(code) || code === 127) c.note('rfc5322DomainLiteralOBSDText');
      literal += rune;
    }
  }
  c.note('errUnclosedDomainLiteral');
  return literal;
}

function closeDomainLiteral(c: RuneCursor, literal: string): void {
  // Once the address is beyond RFC 5321 anyway, the literal is only an RFC 5322 one.
  if (c.worst >= 63) c.note('rfc5322DomainLiteral');
  else for (const name of classifyAddressLiteral(literal)) c.note(name);
}

/** quoted-string = [CFWS] DQUOTE *([FWS] qcontent) [FWS] DQUOTE [CFWS]; returns it with its quotes. */
export function readQuotedString(c: RuneCursor): string {
  let text = '';
  for (let rune = c.next(); rune !== undefined; rune = c.next()) {
    if (rune === '"') return `"${text}"`;
    if (rune === '\\') text += `\\${readQuotedPair(c) ?? ''}`;
    else if (rune === '\r' || rune === '\t') {
      if (rune === '\r') c.takeLineFeed();
      // RFC 5322 §3.2.4: folding inside a quoted string reads as one space.
      text += ' ';
      c.note('cfwsFWS');
      skipFoldingSpace(c, rune);
    } else {
      const code = rune.codePointAt(0) ?? 0;
      if (isLoneSurrogate(code)) c.note('errMalformedUnicode');
      else if ((code !== 127 && isC1(code)) || code === 0 || code === 10) c.note('errExpectingQTEXT');
      // RFC 5321 qtextSMTP includes the space (%d32), and RFC 5322 reads it as FWS; is_email
      // flags it as obsolete qtext, which would make '"jane doe"@example.com' deprecated.
      else if ((isC0(code) && code !== 32) || code === 127) c.note('deprecatedQTEXT');
      text += rune;
    }
  }
  c.note('errUnclosedQuotedString');
  return text;
}

/** quoted-pair = ("\" (VCHAR / WSP)) / obs-qp (RFC 5322 §3.2.1) */
export function readQuotedPair(c: RuneCursor): string | null {
  const rune = c.next();
  if (rune === undefined) {
    c.note('errBackslashEnd');
    return null;
  }
  const code = rune.codePointAt(0) ?? 0;
  if (isLoneSurrogate(code)) c.note('errMalformedUnicode');
  // quoted-pair quotes VCHAR or WSP: US-ASCII only, as is_email reads RFC 5322 §3.2.1.
  else if (code > 127) c.note('errExpectingQPair');
  else if ((code < 31 && code !== 9) || code === 127) c.note('deprecatedQP');
  return rune;
}

/** comment = "(" *([FWS] ccontent) [FWS] ")"; ccontent = ctext / quoted-pair / comment */
export function skipComment(c: RuneCursor): void {
  let depth = 1;
  for (let rune = c.next(); rune !== undefined; rune = c.next()) {
    if (rune === '(') depth++;
    else if (rune === ')') {
      if (--depth === 0) return;
    } else if (rune === '\\') readQuotedPair(c);
    else if (rune === '\r' || rune === ' ' || rune === '\t') {
      if (rune === '\r') c.takeLineFeed();
      c.note('cfwsFWS');
      skipFoldingSpace(c, rune);
    } else {
      const code = rune.codePointAt(0) ?? 0;
      if (code === 0 || code === 10 || (code !== 127 && isC1(code))) c.note('errExpectingCTEXT');
      else if (isC0(code) || code === 127) c.note('deprecatedCTEXT');
    }
  }
  c.note('errUnclosedComment');
}

/** FWS = ([*WSP CRLF] 1*WSP) / obs-FWS, with erratum 1908 allowing several folds (obsolete). */
export function skipFoldingSpace(c: RuneCursor, first: string): void {
  let previous = first;
  let folds = 0;
  for (let rune = c.peek(); rune !== undefined; rune = c.peek()) {
    if (previous === '\r') {
      if (rune === '\r') {
        c.note('errFWSCRLFx2');
        c.skip();
        continue;
      }
      if (++folds > 1) c.note('deprecatedFWS');
    }
    if (rune === '\r') {
      c.skip();
      c.takeLineFeed();
    } else if (rune === ' ' || rune === '\t') c.skip();
    else {
      // A fold must be followed by white space.
      if (previous === '\r') c.note('errFWSCRLFEnd');
      return;
    }
    previous = rune;
  }
  if (previous === '\r') c.note('errFWSCRLFEnd');
}
