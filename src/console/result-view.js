// @ts-check
import { definitionList, el, percent } from './dom.js';
import { renderEntity } from './profile-view.js';

/**
 * A lookup response, readable: resolution, report actions (PDF, verification), integrity
 * fields, entities, source coverage (including connectors that were unavailable, and why) and
 * the audit record.
 */

/**
 * @typedef {object} ResultActions
 * @property {(requestId: string) => Promise<string>} downloadPdf resolves to a status line
 * @property {(requestId: string) => Promise<any>} verify resolves to the verification body
 */

/**
 * @param {any} result a LookupResponse
 * @param {ResultActions} actions
 */
export function renderResult(result, actions) {
  const requestId = String(result.request_id ?? '');
  const resolution = result.resolution ?? {};
  /** @type {unknown[]} */
  const entities = Array.isArray(result.entities) ? result.entities : [];
  return el('div', { className: 'card' }, [
    el('h2', { text: 'Lookup result' }),
    definitionList([
      ['Request id', el('code', { text: requestId, attrs: { 'data-field': 'request_id' } })],
      ['Queried at', String(result.queried_at ?? '')],
      ['Resolution', el('span', { className: `badge ${String(resolution.status)}`, text: String(resolution.status ?? 'unknown') })],
      ['Confidence', percent(resolution.confidence)],
      ['Entities', String(resolution.entity_count ?? entities.length)],
      ['Why', resolution.explanation],
    ]),
    reportActions(requestId, actions),
    section('Integrity', integrity(result)),
    section(`Entities (${entities.length})`, entities.length > 0 ? entities.map((e, i) => renderEntity(e, i)) : [el('p', { className: 'hint', text: 'No entity matched the query.' })]),
    section('Source coverage', coverage(result.source_coverage ?? {})),
    section('Audit record', [definitionList(flatten(result.audit ?? {}))]),
  ]);
}

/**
 * @param {string} title
 * @param {Node[]} children
 */
function section(title, children) {
  return el('section', { className: 'result-section' }, [el('h3', { text: title }), ...children]);
}

/**
 * @param {string} requestId
 * @param {ResultActions} actions
 */
function reportActions(requestId, actions) {
  const output = el('div', { className: 'action-output', attrs: { role: 'status' } });
  /** @param {HTMLButtonElement} button @param {() => Promise<Node | string>} run */
  const wire = (button, run) =>
    button.addEventListener('click', async () => {
      button.disabled = true;
      output.replaceChildren('Working…');
      try {
        output.replaceChildren(await run());
      } catch (err) {
        output.replaceChildren(el('span', { className: 'error', text: err instanceof Error ? err.message : String(err) }));
      } finally {
        button.disabled = false;
      }
    });
  const pdf = el('button', { text: 'Download PDF', attrs: { type: 'button' } });
  const verify = el('button', { text: 'Verify report', className: 'secondary', attrs: { type: 'button' } });
  wire(pdf, () => actions.downloadPdf(requestId));
  wire(verify, async () => verification(await actions.verify(requestId)));
  return el('div', { className: 'actions' }, [pdf, verify, output]);
}

/** @param {any} body a ReportVerification */
function verification(body) {
  const ok = body?.verified === true;
  return el('div', { className: ok ? 'verified ok' : 'verified bad' }, [
    el('strong', { text: ok ? 'Verified: the stored report matches its hash and signature.' : `Not verified: ${String(body?.failure_reason ?? 'unknown reason')}` }),
    definitionList([
      ['Report hash', body?.report_hash],
      ['Signing key', body?.signing_key_id],
      ['Signed at', body?.signed_at],
      ['Checked at', body?.checked_at],
    ]),
  ]);
}

/** @param {any} result */
function integrity(result) {
  const fields = result.integrity ?? result.entities?.[0]?.traceability ?? {};
  return [
    definitionList([
      ['Report hash', el('code', { text: String(fields.report_hash ?? '—'), attrs: { 'data-field': 'report_hash' } })],
      ['Signed at', fields.signed_at],
      ['Signing key id', fields.signing_key_id],
      ['Algorithm', fields.signature_algorithm],
      ['Canonicalization', fields.canonicalization],
      ['Signature', fields.report_signature ? el('code', { className: 'signature', text: String(fields.report_signature) }) : null],
    ]),
  ];
}

/** @param {any} coverage a SourceCoverage */
function coverage(coverage) {
  /** @type {{ connector_id: string, outcome: string, duration_ms: number, detail?: string }[]} */
  const details = Array.isArray(coverage.details) ? coverage.details : [];
  /** @type {{ connector_id: string, reason: string }[]} */
  const notQueried = Array.isArray(coverage.not_queried) ? coverage.not_queried : [];
  const list = (/** @type {unknown} */ ids) => (Array.isArray(ids) && ids.length > 0 ? ids.join(', ') : 'none');
  const rows = details.map((d) =>
    el('tr', { className: d.outcome === 'ok' ? '' : 'unavailable' }, [
      el('td', { text: d.connector_id }),
      el('td', { text: d.outcome }),
      el('td', { text: `${d.duration_ms} ms` }),
      el('td', { text: d.detail ?? '' }),
    ]),
  );
  const head = el('tr', {}, ['Connector', 'Outcome', 'Duration', 'Detail'].map((h) => el('th', { text: h })));
  return [
    definitionList([
      ['Available', list(coverage.available)],
      ['Unavailable', list(coverage.unavailable)],
      ['Reason', coverage.unavailability_reason ?? null],
      ['Not queried', notQueried.map((n) => `${n.connector_id} (${n.reason})`).join(', ')],
    ]),
    el('table', { className: 'fields coverage' }, [el('thead', {}, [head]), el('tbody', {}, rows)]),
  ];
}

/**
 * A nested record as `a.b: value` pairs.
 * @param {Record<string, unknown>} record
 * @param {string} [prefix]
 * @returns {[string, string][]}
 */
function flatten(record, prefix = '') {
  /** @type {[string, string][]} */
  const pairs = [];
  for (const [key, value] of Object.entries(record)) {
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) pairs.push(...flatten(/** @type {Record<string, unknown>} */ (value), `${prefix}${key}.`));
    else pairs.push([`${prefix}${key}`, value === null || value === undefined ? '—' : Array.isArray(value) ? value.join(', ') : String(value)]);
  }
  return pairs;
}
