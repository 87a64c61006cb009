// C0/C1 controls, DEL, lone surrogates and non-characters never belong in a name or handle.
const FORBIDDEN = /[\u0000-\u001f\u007f-\u009f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/u;

/**
 * Normalises free-form text (name, address, company name): NFC, trimmed, inner whitespace
 * collapsed. Null when empty, longer than `maxLength` characters, or carrying control characters.
 *
 * @example
 * normalizeFreeText('  Jane \t Doe ', 512) // 'Jane Doe'
 */
export function normalizeFreeText(raw: string, maxLength: number): string | null {
  if (FORBIDDEN.test(raw.replace(/[\t\n\r]/g, ' '))) return null;
  const value = raw.normalize('NFC').replace(/\s+/gu, ' ').trim();
  if (value.length === 0 || [...value].length > maxLength) return null;
  return value;
}

/**
 * A platform-agnostic handle: free text without whitespace, a leading '@' dropped.
 *
 * @example
 * normalizeUsername('@Jane_Doe') // 'Jane_Doe'
 */
export function normalizeUsername(raw: string): string | null {
  const value = normalizeFreeText(raw, 256);
  if (value === null) return null;
  const handle = value.startsWith('@') ? value.slice(1) : value;
  if (handle.length === 0 || /\s/u.test(handle)) return null;
  return handle;
}
