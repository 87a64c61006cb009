/**
 * The loopback fake of the username site catalogue, in its own process so that the bench
 * measures the sweep alone (its wall time and its memory). Usage:
 *   node --import tsx bench/username-fake-sites.ts <catalogue.json> <rewritten-out.json> <latency-ms> <claimed-username>
 * Writes the rewritten catalogue, prints `ready`, answers `served` on stdin with the number of
 * requests served and the CPU time used, and exits when stdin closes. Unclaimed names get the
 * site's own not-found answer in one response (no soft-404 redirects: those exist to test the
 * redirect guard, and would add a second response to the sites the ideal counts once).
 */
import fs from 'node:fs';
import readline from 'node:readline';
import { startFakeSites } from '../src/connectors/username-presence/fake-sites-server.ts';
import { siteHash } from '../src/connectors/username-presence/fake-site-pages.ts';

const [source, out, latency, username] = process.argv.slice(2);
if (!source || !out || !latency || !username) throw new Error('usage: username-fake-sites.ts <catalogue> <out> <latency-ms> <username>');

// The bench's name exists on one site in ten, about what a real handle shows across a catalogue.
const fake = await startFakeSites(JSON.parse(fs.readFileSync(source, 'utf8')), {
  latencyMs: Number(latency),
  softRedirects: false,
  isClaimed: (site, name) => name === username && siteHash(`claim:${site}`) % 10 === 0,
});
fake.writeCatalogue(out);
process.stdout.write(`ready ${fake.ports}\n`);
const lines = readline.createInterface({ input: process.stdin });
lines.on('line', (line) => {
  if (line.trim() !== 'served') return;
  const cpu = process.cpuUsage();
  process.stdout.write(`served ${fake.served} ${Math.round((cpu.user + cpu.system) / 1000)}\n`);
});
lines.on('close', () => void fake.close().then(() => process.exit(0)));
