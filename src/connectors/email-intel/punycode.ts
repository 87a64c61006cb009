/**
 * RFC 3492 Punycode encoding, only as far as RFC 5890 length checks need it: a label's
 * A-label length ("xn--" + encoding) is what the 63-octet label and 255-octet domain limits
 * apply to. Node's own `punycode` module is deprecated, and `url.domainToASCII` refuses the
 * symbols (emoji) that the isemail vectors expect to be measured, so the encoder lives here.
 */

const BASE = 36;
const T_MIN = 1;
const T_MAX = 26;
const SKEW = 38;
const DAMP = 700;
const INITIAL_BIAS = 72;
const INITIAL_N = 128;
// Label separators that IDNA treats like '.' (RFC 3490 §3.1).
const SEPARATORS = /[.\u3002\uff0e\uff61]/u;

function adapt(delta: number, points: number, first: boolean): number {
  let d = first ? Math.floor(delta / DAMP) : delta >> 1;
  d += Math.floor(d / points);
  let k = 0;
  while (d > ((BASE - T_MIN) * T_MAX) >> 1) {
    d = Math.floor(d / (BASE - T_MIN));
    k += BASE;
  }
  return k + Math.floor(((BASE - T_MIN + 1) * d) / (d + SKEW));
}

function digit(d: number): string {
  // 0..25 → a..z, 26..35 → 0..9
  return String.fromCharCode(d < 26 ? d + 97 : d + 22);
}

/**
 * Encodes one label's code points to Punycode (without the "xn--" prefix).
 *
 * @example
 * encodePunycode('mañana') // 'maana-pta'
 */
export function encodePunycode(label: string): string {
  const points = Array.from(label, (c) => c.codePointAt(0) ?? 0);
  let output = points.filter((p) => p < 0x80).map((p) => String.fromCharCode(p)).join('');
  const basic = output.length;
  let handled = basic;
  if (basic > 0) output += '-';
  let n = INITIAL_N;
  let delta = 0;
  let bias = INITIAL_BIAS;
  while (handled < points.length) {
    const m = Math.min(...points.filter((p) => p >= n));
    delta += (m - n) * (handled + 1);
    n = m;
    for (const p of points) {
      if (p < n) delta++;
      if (p !== n) continue;
      let q = delta;
      for (let k = BASE; ; k += BASE) {
        const t = k <= bias ? T_MIN : k >= bias + T_MAX ? T_MAX : k - bias;
        if (q < t) break;
        output += digit(t + ((q - t) % (BASE - t)));
        q = Math.floor((q - t) / (BASE - t));
      }
      output += digit(q);
      bias = adapt(delta, handled + 1, handled === basic);
      delta = 0;
      handled++;
    }
    delta++;
    n++;
  }
  return output;
}

/**
 * The length of a domain (or single label) in its ASCII form: labels with non-ASCII
 * characters count as "xn--" + their Punycode encoding, others as they are.
 *
 * @example
 * asciiLength('郵件.商務') // 22, the length of 'xn--5nqv22n.xn--lhr59c'
 */
export function asciiLength(domain: string): number {
  let length = 0;
  const labels = domain.split(SEPARATORS);
  for (const label of labels) {
    // eslint-disable-next-line no-control-regex
    length += /^[\x00-\x7f]*$/.test(label) ? label.length : 4 + encodePunycode(label).length;
  }
  return length + labels.length - 1;
}
