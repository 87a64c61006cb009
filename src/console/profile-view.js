// @ts-check
import { definitionList, el, percent } from './dom.js';

/**
 * One resolved entity: its profile sections, each entry's confidence, and for every field the
 * sources it came from (traceability.data_lineage) with their confidence.
 */

const TITLES = /** @type {Record<string, string>} */ ({
  person: 'Person',
  phones: 'Phones',
  emails: 'Emails',
  addresses: 'Addresses',
  social_profiles: 'Social profiles',
  organizations: 'Organizations',
  network: 'Network',
  domains: 'Domains',
  ips: 'IP addresses',
  ssl_certificates: 'TLS certificates',
  services: 'Services',
  credentials: 'Credentials',
  associates: 'Associates',
  relatives: 'Relatives',
  indicators: 'Indicators',
  geolocation: 'Geolocation',
  web_results: 'Web results',
  sanctions: 'Sanctions',
});

/** Entry keys shown in the entry's header line rather than as fields. */
const META_KEYS = new Set(['confidence', 'sources']);

/** @typedef {{ id: string, name: string, category: string, confidence: number, connector_id?: string }} Source */
/** @typedef {{ sources: Map<string, Source>, lineage: Record<string, string[]> }} Trace */

/**
 * @param {any} entity
 * @param {number} index
 */
export function renderEntity(entity, index) {
  const traceability = entity?.traceability ?? {};
  /** @type {Source[]} */
  const sourceList = Array.isArray(traceability.sources) ? traceability.sources : [];
  /** @type {Trace} */
  const trace = { sources: new Map(sourceList.map((s) => [s.id, s])), lineage: traceability.data_lineage ?? {} };
  const card = el('article', { className: 'entity' }, [
    el('h3', { text: `Entity ${index + 1}` }),
    definitionList([
      ['Entity id', el('code', { text: String(entity?.entity_id ?? '') })],
      ['Confidence', percent(entity?.confidence)],
      ['Explains', explains(entity?.explanation)],
    ]),
  ]);
  for (const [name, value] of Object.entries(entity?.profile ?? {})) card.appendChild(renderSection(name, value, `profile.${name}`, trace));
  card.appendChild(sourceTable(sourceList));
  return card;
}

/**
 * @param {string} name
 * @param {unknown} value
 * @param {string} path the lineage path of this section, e.g. `profile.network.domains`
 * @param {Trace} trace
 * @returns {HTMLElement}
 */
function renderSection(name, value, path, trace) {
  const section = el('section', { className: 'profile-section' });
  const title = TITLES[name] ?? name;
  if (Array.isArray(value)) {
    section.appendChild(el('h4', { text: `${title} (${value.length})` }));
    value.forEach((entry, i) => section.appendChild(renderEntry(entry, `${path}[${i}]`, trace)));
  } else if (isRecord(value) && Object.values(value).every(Array.isArray)) {
    // A section made of sub-sections (network: domains, ips, …).
    section.appendChild(el('h4', { text: title }));
    for (const [sub, subValue] of Object.entries(value)) section.appendChild(renderSection(sub, subValue, `${path}.${sub}`, trace));
  } else {
    section.appendChild(el('h4', { text: title }));
    section.appendChild(renderEntry(value, path, trace));
  }
  return section;
}

/**
 * One profile entry as a table: field, value, sources of that field.
 * @param {unknown} entry
 * @param {string} path
 * @param {Trace} trace
 */
function renderEntry(entry, path, trace) {
  if (!isRecord(entry)) return el('p', {}, [formatValue(entry)]);
  const entrySources = Array.isArray(entry.sources) ? entry.sources.map(String) : [];
  const head = el('p', { className: 'entry-meta' }, [
    entry.confidence !== undefined ? `Confidence ${percent(entry.confidence)}` : 'Confidence not scored',
    entrySources.length > 0 ? ` · from ${entrySources.map((id) => sourceLabel(id, trace)).join(', ')}` : '',
  ]);
  const body = el('tbody');
  for (const [key, value] of Object.entries(entry)) {
    if (META_KEYS.has(key) || value === null || value === undefined) continue;
    const fieldSources = trace.lineage[`${path}.${key}`] ?? entrySources;
    body.appendChild(
      el('tr', {}, [
        el('th', { text: key, attrs: { scope: 'row' } }),
        el('td', {}, [formatValue(value)]),
        el('td', { className: 'sources', text: fieldSources.map((id) => sourceLabel(id, trace)).join(', ') }),
      ]),
    );
  }
  const head2 = el('thead', {}, [el('tr', {}, [el('th', { text: 'Field' }), el('th', { text: 'Value' }), el('th', { text: 'Sources (confidence)' })])]);
  return el('div', { className: 'entry' }, [head, el('table', { className: 'fields' }, [head2, body])]);
}

/**
 * A value as text or nested text: nothing from the API is ever parsed as markup.
 * @param {unknown} value
 * @param {number} [depth]
 * @returns {Node | string}
 */
function formatValue(value, depth = 0) {
  if (value === null || value === undefined) return '—';
  if (typeof value !== 'object') return String(value);
  if (Array.isArray(value) && value.every((v) => v === null || typeof v !== 'object')) return value.join(', ');
  if (depth >= 3) return JSON.stringify(value);
  if (Array.isArray(value)) return el('ol', { className: 'nested' }, value.map((v) => el('li', {}, [formatValue(v, depth + 1)])));
  return definitionList(
    Object.entries(/** @type {Record<string, unknown>} */ (value)).map(([k, v]) => [k, formatValue(v, depth + 1)]),
    'pairs nested',
  );
}

/**
 * @param {string} id
 * @param {Trace} trace
 */
function sourceLabel(id, trace) {
  const source = trace.sources.get(id);
  return source ? `${source.name} (${percent(source.confidence)})` : id;
}

/** @param {any} explanation */
function explains(explanation) {
  if (!explanation || !Array.isArray(explanation.explains)) return null;
  /** @type {{ type: string, value: string, strength: number }[]} */
  const items = explanation.explains;
  return items.map((item) => `${item.type} ${item.value} (${percent(item.strength)})`).join('; ');
}

/** @param {Source[]} sources */
function sourceTable(sources) {
  const rows = sources.map((s) =>
    el('tr', {}, [
      el('td', {}, [el('code', { text: s.id })]),
      el('td', { text: s.name }),
      el('td', { text: s.category }),
      el('td', { text: s.connector_id ?? '' }),
      el('td', { text: percent(s.confidence) }),
    ]),
  );
  const head = el('tr', {}, ['Id', 'Source', 'Category', 'Connector', 'Confidence'].map((h) => el('th', { text: h })));
  return el('section', { className: 'profile-section' }, [el('h4', { text: 'Sources' }), el('table', { className: 'fields' }, [el('thead', {}, [head]), el('tbody', {}, rows)])]);
}

/**
 * @param {unknown} value
 * @returns {value is Record<string, unknown>}
 */
function isRecord(value) {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
