// @ts-check
import { el } from './dom.js';

/** The contract's ten identifier types (SPEC §6.1), each with an example for the placeholder. */
export const IDENTIFIER_TYPES = /** @type {const} */ ([
  ['email', 'jane.doe@example.com'],
  ['phone', '+33612345678'],
  ['username', 'janedoe'],
  ['ip', '203.0.113.7'],
  ['domain', 'example.com'],
  ['name', 'Jane Doe'],
  ['url', 'https://example.com/about'],
  ['address', '10 Rue de Rivoli, 75001 Paris'],
  ['company_name', 'Example Holdings Ltd'],
  ['social_url', 'https://github.com/janedoe'],
]);

/** The API takes at most 20 identifiers per lookup. */
const MAX_IDENTIFIERS = 20;

/** @typedef {{ type: string, value: string }} IdentifierInput */
/** @typedef {{ identifiers: IdentifierInput[], options: { depth: string, requester_reference?: string } }} LookupRequest */

/**
 * The identifier rows of the lookup form: add, remove, read.
 * @param {{ rows: HTMLElement, add: HTMLButtonElement, depth: HTMLSelectElement, reference: HTMLInputElement }} parts
 */
export function createLookupForm(parts) {
  const refresh = () => {
    const rows = parts.rows.querySelectorAll('.identifier-row');
    for (const button of parts.rows.querySelectorAll('button')) button.disabled = rows.length === 1;
    parts.add.disabled = rows.length >= MAX_IDENTIFIERS;
  };

  /** @param {string} [type] @param {string} [value] */
  const addRow = (type = 'phone', value = '') => {
    const select = el('select', { attrs: { 'aria-label': 'Identifier type', name: 'type' } });
    for (const [name] of IDENTIFIER_TYPES) select.appendChild(el('option', { text: name, attrs: { value: name } }));
    select.value = type;
    const input = el('input', { attrs: { 'aria-label': 'Identifier value', name: 'value', type: 'text', maxlength: '2048', spellcheck: 'false', autocomplete: 'off' } });
    input.value = value;
    const placeholder = () => input.setAttribute('placeholder', IDENTIFIER_TYPES.find(([name]) => name === select.value)?.[1] ?? '');
    select.addEventListener('change', placeholder);
    placeholder();
    const row = el('div', { className: 'identifier-row' }, [select, input]);
    row.appendChild(
      el('button', {
        text: 'Remove',
        className: 'secondary',
        attrs: { type: 'button', 'aria-label': 'Remove identifier' },
        on: {
          click: () => {
            row.remove();
            refresh();
          },
        },
      }),
    );
    parts.rows.appendChild(row);
    refresh();
    return input;
  };

  parts.add.addEventListener('click', () => addRow().focus());
  addRow();

  return {
    /**
     * The request the form describes, or a message saying what is missing.
     * @returns {{ request: LookupRequest } | { problem: string }}
     */
    read() {
      /** @type {IdentifierInput[]} */
      const identifiers = [];
      for (const row of parts.rows.querySelectorAll('.identifier-row')) {
        const type = row.querySelector('select')?.value ?? '';
        const value = row.querySelector('input')?.value.trim() ?? '';
        if (value !== '') identifiers.push({ type, value });
      }
      if (identifiers.length === 0) return { problem: 'Enter at least one identifier.' };
      const reference = parts.reference.value.trim();
      return { request: { identifiers, options: { depth: parts.depth.value, ...(reference ? { requester_reference: reference } : {}) } } };
    },
  };
}
