/**
 * PDF export and offline verification cost by report size. Prints figures; asserts nothing.
 * Run: node --import tsx bench/pdf-export.ts
 */
import { startTestEngine } from '../test/helpers/engine.ts';
import { fakeConnector, manyFindings, runLookup } from '../test/helpers/report-fixtures.ts';
import { exportReportPdf } from '../src/reports/pdf/report-pdf.ts';
import { verifyReportPdf } from '../src/reports/pdf/verify-report-pdf.ts';
import { parseTrustedKeys } from '../src/reports/trusted-keys.ts';

const SIZES = [0, 20, 100, 400];
const RUNS = 5;
const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

const t = await startTestEngine({
  env: { LOG_LEVEL: 'error' },
  connectorDefinitions: [fakeConnector('bench_source', (value) => (value.startsWith('n') ? manyFindings(value, Number(value.slice(1))) : []))],
});
try {
  const key = await t.createKey(['analyst']);
  const keys = parseTrustedKeys(t.engine.signer.publicKeyPem);
  console.log('findings  lineage  pages   bytes  export ms (median of 5)  verify ms');
  for (const size of SIZES) {
    const body = await runLookup(t, key.key, [{ type: 'username', value: `n${size}` }]);
    const json = (await t.inject({ method: 'GET', url: `/v1/lookup/${body.request_id}`, headers: { 'x-api-key': key.key } })).body;
    const exportTimes: number[] = [];
    const verifyTimes: number[] = [];
    let pdf: Buffer = Buffer.alloc(0);
    for (let i = 0; i < RUNS; i++) {
      let start = performance.now();
      pdf = await exportReportPdf({
        reportJson: json, exportedAt: new Date(), exportedBy: key.id, includeProvenance: true, engineVersion: t.engine.version,
        organizationId: t.engine.organizationId, signer: t.engine.signer, reportPublicKeyPem: t.engine.signer.publicKeyPem, keyRegisteredAt: new Date(0),
      });
      exportTimes.push(performance.now() - start);
      start = performance.now();
      if (!(await verifyReportPdf(pdf, keys)).verified) throw new Error('bench PDF does not verify');
      verifyTimes.push(performance.now() - start);
    }
    const pages = (pdf.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length;
    const lineage = Object.keys(body.entities[0]?.traceability.data_lineage ?? {}).length;
    console.log(`${String(size).padStart(8)} ${String(lineage).padStart(8)} ${String(pages).padStart(6)} ${String(pdf.length).padStart(7)} ${median(exportTimes).toFixed(0).padStart(24)} ${median(verifyTimes).toFixed(1).padStart(10)}`);
  }
} finally {
  await t.close();
}
