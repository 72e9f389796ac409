/**
 * Imported data is untrusted: a commune name or a brownfield label may contain markup. These helpers let the UI
 * show such strings without ever handing them to an HTML parser.
 */

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '`': '&#96;',
};

/** For the rare place where a string must be concatenated into markup (e.g. an SVG label). Prefer text nodes. */
export function escapeHtml(text: unknown): string {
  const value = text === null || text === undefined ? '' : String(text);
  return value.replace(/[&<>"'`]/g, (ch) => HTML_ESCAPES[ch]!);
}

/** What a popup row may show; numbers are formatted in French, null/empty as "non renseigné". */
export type PopupValue = string | number | boolean | null | undefined;

export type PopupRow = readonly [label: string, value: PopupValue];

const frNumber = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 });

export function formatPopupValue(value: PopupValue): string {
  if (value === null || value === undefined || value === '') return 'non renseigné';
  if (typeof value === 'number') return Number.isFinite(value) ? frNumber.format(value) : 'non renseigné';
  if (typeof value === 'boolean') return value ? 'oui' : 'non';
  return value;
}

/** Creates an element whose only children are text nodes: whatever `text` contains, no element is parsed. */
export function textElement<K extends keyof HTMLElementTagNameMap>(
  doc: Document,
  tag: K,
  text: string,
  className?: string,
): HTMLElementTagNameMap[K] {
  const element = doc.createElement(tag);
  if (className) element.className = className;
  element.appendChild(doc.createTextNode(text));
  return element;
}

/**
 * Popup body for MapLibre (`popup.setDOMContent(buildPopupContent(...))`, never `setHTML`). Built with
 * createElement/createTextNode only, so `<img src=x onerror=alert(1)>` in a name stays visible text.
 */
export function buildPopupContent(
  title: string,
  rows: readonly PopupRow[],
  doc: Document = globalThis.document,
): HTMLElement {
  const root = doc.createElement('div');
  root.className = 'atlas-popup';
  root.appendChild(textElement(doc, 'h3', formatPopupValue(title), 'atlas-popup__title'));
  if (rows.length > 0) {
    const list = doc.createElement('dl');
    list.className = 'atlas-popup__rows';
    for (const [label, value] of rows) {
      list.appendChild(textElement(doc, 'dt', label));
      list.appendChild(textElement(doc, 'dd', formatPopupValue(value)));
    }
    root.appendChild(list);
  }
  return root;
}
