// @ts-check
/**
 * The console's only way of building DOM. Strings always become text nodes (textContent), never
 * markup, so a value from the API such as `<img src=x onerror=…>` shows up as those characters.
 * There is deliberately no way to pass HTML or an event-handler attribute through here.
 */

/** @typedef {Node | string | number | boolean | null | undefined} Child */

/**
 * @typedef {object} Props
 * @property {string} [className]
 * @property {string} [text] textContent of the element
 * @property {Record<string, string>} [attrs] plain attributes (never `on*`, `href`, `src`, `style`)
 * @property {Record<string, (event: Event) => void>} [on] listeners, added with addEventListener
 */

const FORBIDDEN_ATTR = /^(on|href$|src$|srcdoc$|style$|formaction$|action$)/i;

/**
 * An element with text and children.
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {Props} [props]
 * @param {Child[]} [children]
 * @returns {HTMLElementTagNameMap[K]}
 */
export function el(tag, props = {}, children = []) {
  const node = document.createElement(tag);
  if (props.className) node.className = props.className;
  for (const [name, value] of Object.entries(props.attrs ?? {})) {
    if (FORBIDDEN_ATTR.test(name)) throw new Error(`dom: attribute ${name} is not allowed`);
    node.setAttribute(name, value);
  }
  for (const [type, listener] of Object.entries(props.on ?? {})) node.addEventListener(type, listener);
  if (props.text !== undefined) node.textContent = props.text;
  append(node, children);
  return node;
}

/**
 * Appends children; strings and numbers as text nodes, null/undefined skipped.
 * @param {Node} parent
 * @param {Child[]} children
 */
export function append(parent, children) {
  for (const child of children) {
    if (child === null || child === undefined) continue;
    parent.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/**
 * Replaces everything inside `parent`.
 * @param {Node} parent
 * @param {Child[]} [children]
 */
export function replace(parent, children = []) {
  while (parent.firstChild) parent.removeChild(parent.firstChild);
  append(parent, children);
}

/**
 * The element with this id; a missing one is a bug in index.html, not a runtime condition.
 * @template {HTMLElement} T
 * @param {string} id
 * @param {new (...args: never[]) => T} type
 * @returns {T}
 */
export function byId(id, type) {
  const node = document.getElementById(id);
  if (!(node instanceof type)) throw new Error(`console: #${id} missing from the page`);
  return node;
}

/**
 * A `term: value` list.
 * @param {[string, Child][]} pairs
 * @param {string} [className]
 */
export function definitionList(pairs, className = 'pairs') {
  const list = el('dl', { className });
  for (const [term, value] of pairs) {
    if (value === null || value === undefined || value === '') continue;
    append(list, [el('dt', { text: term }), el('dd', {}, [value])]);
  }
  return list;
}

/**
 * A 0–1 confidence as a percentage.
 * @param {unknown} value
 */
export function percent(value) {
  // A no-break space keeps the figure and its sign on one line in narrow columns.
  return typeof value === 'number' ? `${Math.round(value * 100)}\u00a0%` : '—';
}
