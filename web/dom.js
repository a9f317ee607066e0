/**
 * DOM building for the workbench. Article content only ever becomes text nodes or attribute values
 * set through setAttribute on a fixed allow-list; there is no innerHTML anywhere in the workbench.
 */

const ALLOWED_ATTRIBUTES = new Set([
  'id', 'class', 'type', 'name', 'value', 'for', 'title', 'role', 'tabindex', 'placeholder', 'rows', 'maxlength',
  'min', 'max', 'accept', 'autocomplete', 'hidden', 'disabled', 'checked', 'selected', 'href', 'rel', 'download',
  'datetime', 'lang', 'dir', 'spellcheck', 'required', 'inputmode',
]);

/** True for absolute http(s) URLs, the only ones rendered as links. */
export function isHttpUrl(value) {
  if (typeof value !== 'string' || !/^https?:\/\//i.test(value)) return false;
  try {
    const u = new URL(value);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}

function setAttribute(el, name, value) {
  if (value === undefined || value === null || value === false) return;
  const ok = ALLOWED_ATTRIBUTES.has(name) || name.startsWith('aria-') || name.startsWith('data-');
  if (!ok) throw new Error(`attribute ${name} is not allowed`);
  if (name === 'href' && !(value.startsWith('#') || value.startsWith('/') || isHttpUrl(value))) return;
  el.setAttribute(name, value === true ? '' : String(value));
}

/**
 * Creates an element. `attrs` go through the allow-list; `on` holds event listeners; children are
 * nodes or strings (strings become text nodes).
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (name === 'on') {
      for (const [event, fn] of Object.entries(value)) el.addEventListener(event, fn);
    } else setAttribute(el, name, value);
  }
  append(el, children);
  return el;
}

/** Appends children (nodes, strings, arrays, or nothing). */
export function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    el.append(typeof child === 'string' || typeof child === 'number' ? document.createTextNode(String(child)) : child);
  }
  return el;
}

/** Replaces all children of `el`. */
export function replace(el, ...children) {
  el.replaceChildren();
  return append(el, children);
}

/** A link when the URL is http(s), plain text otherwise. */
export function urlNode(url) {
  return isHttpUrl(url) ? h('a', { href: url, rel: 'noopener noreferrer nofollow' }, url) : h('span', {}, url);
}
