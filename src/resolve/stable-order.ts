/**
 * Code-unit string order. The resolver sorts with it, never with `localeCompare`, whose result
 * depends on the ICU data of the machine: the same lookup must cluster the same way everywhere.
 *
 * @example
 * ['b', 'B', 'a'].sort(compareStrings) // ['B', 'a', 'b']
 */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
