// Screening speed on a list the size of OFAC's SDN list (≈ 18,000 entries, ≈ 40,000 names).
// Prints the index build time and the lookups per second; no assertion, figures only.
//   node --import tsx bench/sanctions-screening.ts [entries]
import { parseNameQualifiers } from '../src/matching/name-qualifiers.ts';
import { ScreeningIndex } from '../src/matching/screening-index.ts';
import { type ScreenableEntry, screen } from '../src/matching/screening.ts';

const GIVEN = ['mohammad', 'ali', 'hassan', 'hussein', 'ahmad', 'abdul', 'omar', 'yusuf', 'ibrahim', 'khalid', 'ivan', 'sergei', 'vladimir', 'alexander', 'dmitry', 'oleg', 'igor', 'kim', 'jong', 'chol', 'song', 'wei', 'li', 'jose', 'maria', 'juan', 'carlos', 'john', 'david', 'michael'];
const FAMILY = ['petrov', 'ivanov', 'smirnov', 'kuznetsov', 'popov', 'al rashid', 'al tikriti', 'haddad', 'khan', 'rahman', 'garcia', 'lopez', 'martinez', 'rodriguez', 'wang', 'zhang', 'liu', 'chen', 'nguyen', 'tran', 'smith', 'jones', 'brown', 'abbasi', 'karimi', 'hosseini', 'mousavi', 'rezaei', 'ahmadi', 'moradi'];
const ORG = ['trading', 'shipping', 'petroleum', 'bank', 'industries', 'logistics', 'mining', 'energy', 'holding', 'export'];

/** A deterministic pseudo-random generator, so every run screens the same list. */
function rng(seed: number): () => number {
  let s = seed;
  return () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
}

const SYLLABLES = ['ka', 'ra', 'mi', 'to', 'sha', 'lev', 'dor', 'nik', 'zar', 'bek', 'han', 'mur', 'sol', 'vin', 'gul', 'pet', 'rus', 'tam', 'yel', 'kov', 'din', 'lar', 'mas', 'nov', 'ber', 'chen', 'jun', 'pak', 'rio', 'sar'];

function syntheticList(size: number, varied: boolean): ScreenableEntry[] {
  const r = rng(7);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  // Varied: surnames built from syllables give a vocabulary of tens of thousands of tokens, as
  // real lists have; given names stay drawn from a short list, as on real lists.
  const suffix = (): string => (varied ? pick(SYLLABLES) + pick(SYLLABLES) + pick(SYLLABLES) : String.fromCharCode(97 + Math.floor(r() * 26)) + String.fromCharCode(97 + Math.floor(r() * 26)) + 'ov');
  return Array.from({ length: size }, (_, i): ScreenableEntry => {
    if (i % 3 === 2) {
      const name = `${pick(FAMILY)} ${suffix()} ${pick(ORG)} company`;
      return { kind: 'organization', type: 'entity', names: [{ name, quality: 'primary' }, { name: `${pick(ORG)} ${suffix()}`, quality: 'strong' }], dob: [], nationalities: [] };
    }
    const family = varied && i % 4 !== 0 ? suffix() : `${pick(FAMILY)}${i % 4 === 0 ? suffix() : ''}`;
    return {
      kind: 'person',
      type: 'individual',
      names: [
        { name: `${family}, ${pick(GIVEN)} ${pick(GIVEN)}`, quality: 'primary' },
        { name: `${pick(GIVEN)} ${family}`, quality: 'strong' },
        ...(i % 5 === 0 ? [{ name: `abu ${pick(GIVEN)}`, quality: 'weak' as const }] : []),
      ],
      dob: [`${1940 + Math.floor(r() * 60)}`],
      nationalities: ['RU'],
    };
  });
}

const size = Number(process.argv[2] ?? 18_000);
const queries = ['Mohammad Ali Hassan', 'Vladimir Petrov', 'Сергей Иванов', 'Kim Jong Chol', 'Maria Garcia Lopez | dob: 1970', 'Wang Wei', 'John Smith', 'Abdul Rahman Khan', 'Zzyzx Unlisted Person', 'Karasharov Timur'];

for (const [label, varied] of [['varied surnames (realistic vocabulary)', true], ['60 name tokens only (worst case: every query token hits thousands of names)', false]] as const) {
  const entries = syntheticList(size, varied);
  const names = entries.reduce((n, e) => n + e.names.length, 0);
  let t = performance.now();
  const index = new ScreeningIndex(entries);
  const buildMs = performance.now() - t;
  const rounds = 20;
  let hits = 0;
  t = performance.now();
  for (let i = 0; i < rounds; i++) for (const q of queries) hits += screen(index, entries, parseNameQualifiers(q), 'person').length;
  const elapsed = performance.now() - t;
  const lookups = rounds * queries.length;
  console.log(`${label}: ${size} entries, ${names} names, index built in ${buildMs.toFixed(0)} ms; ${lookups} queries: ${(elapsed / lookups).toFixed(2)} ms per query, ${((lookups / elapsed) * 1000).toFixed(0)} queries/s (${(hits / lookups).toFixed(1)} hits per query)`);
}
console.log(`heap used: ${(process.memoryUsage().heapUsed / 1024 / 1024).toFixed(0)} MiB`);
