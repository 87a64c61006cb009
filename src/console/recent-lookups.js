// @ts-check
import { el } from './dom.js';

/**
 * The lookups run in this tab (the API has no list endpoint for a caller's own lookups). Kept
 * in sessionStorage so a reload or a new login in the same tab keeps them; it holds request
 * ids, times, identifier types and resolution status only, never identifier values or any
 * credential, and it is cleared at logout. Reopening one fetches it again from the API.
 */

const STORAGE_KEY = 'cairn.console.recent';
const MAX_ENTRIES = 20;

/** @typedef {{ request_id: string, queried_at: string, types: string[], status: string }} RecentLookup */

export class RecentLookups {
  /** @type {RecentLookup[]} */
  #entries;
  #list;
  #empty;
  #open;

  /**
   * @param {HTMLOListElement} list
   * @param {HTMLElement} empty shown while there is nothing to list
   * @param {(requestId: string) => void} open
   */
  constructor(list, empty, open) {
    this.#list = list;
    this.#empty = empty;
    this.#open = open;
    this.#entries = load();
    this.render();
  }

  /**
   * @param {any} result a LookupResponse
   * @param {{ identifiers: { type: string }[] }} request
   */
  add(result, request) {
    const entry = {
      request_id: String(result.request_id),
      queried_at: String(result.queried_at ?? new Date().toISOString()),
      types: [...new Set(request.identifiers.map((i) => i.type))],
      status: String(result.resolution?.status ?? 'unknown'),
    };
    this.#entries = [entry, ...this.#entries.filter((e) => e.request_id !== entry.request_id)].slice(0, MAX_ENTRIES);
    save(this.#entries);
    this.render();
  }

  clear() {
    this.#entries = [];
    save(null);
    this.render();
  }

  render() {
    this.#list.replaceChildren(
      ...this.#entries.map((entry) => {
        const time = new Date(entry.queried_at).toLocaleTimeString();
        const button = el('button', { className: 'link', attrs: { type: 'button' }, on: { click: () => this.#open(entry.request_id) } }, [
          el('span', { text: `${time} · ${entry.types.join(', ') || 'lookup'} · ${entry.status}` }),
          el('code', { text: entry.request_id }),
        ]);
        return el('li', {}, [button]);
      }),
    );
    this.#empty.hidden = this.#entries.length > 0;
  }
}

/** @returns {RecentLookup[]} */
function load() {
  try {
    const parsed = JSON.parse(sessionStorage.getItem(STORAGE_KEY) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter((e) => e && typeof e.request_id === 'string' && Array.isArray(e.types)).slice(0, MAX_ENTRIES) : [];
  } catch {
    // Storage disabled or the entry damaged: start with an empty list.
    return [];
  }
}

/** @param {RecentLookup[] | null} entries null removes the list */
function save(entries) {
  try {
    if (entries === null) sessionStorage.removeItem(STORAGE_KEY);
    else sessionStorage.setItem(STORAGE_KEY, JSON.stringify(entries));
  } catch {
    // Storage disabled (private mode, policy): the list then lives only until a reload.
  }
}
