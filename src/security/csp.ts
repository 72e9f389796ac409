/**
 * Content-Security-Policy of the built app. Everything is served from our own origin; the only third parties
 * are the official French APIs the user may enable (IGN Géoplateforme basemap, geo.api.gouv.fr).
 *
 * - script-src 'self' only: no inline script, no eval. Checked: maplibre-gl 6 contains neither `eval(` nor
 *   `new Function(`, and loads its worker from a URL (same-origin file, or a `blob:` wrapper when the worker
 *   URL is cross-origin) → worker-src 'self' blob:.
 * - style-src needs 'unsafe-inline': MapLibre (markers, popups, controls, canvas sizing) and React set inline
 *   `style` on elements at run time. Inline styles cannot run code; the risk accepted is CSS-only (layout
 *   spoofing), far smaller than script injection, which stays forbidden.
 * - img-src data:/blob: for MapLibre sprites and icons built in memory; data.geopf.fr for basemap tiles.
 * - A <meta> policy cannot carry frame-ancestors/report-uri and does not apply to workers loaded from a URL
 *   (they take the policy of their own HTTP response): hosts should also send `contentSecurityPolicy` as an
 *   HTTP header.
 * - GeoPackage import runs SQLite compiled to WebAssembly (sql.js) in the import worker only: the page's policy
 *   needs nothing for it, but a host sending the policy as an HTTP header to the worker script too must add
 *   'wasm-unsafe-eval' to that response's script-src (WebAssembly compilation, not JavaScript eval).
 */
export const CSP_DIRECTIVES: Readonly<Record<string, readonly string[]>> = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'worker-src': ["'self'", 'blob:'],
  'child-src': ["'self'", 'blob:'],
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:', 'blob:', 'https://data.geopf.fr'],
  'font-src': ["'self'"],
  'connect-src': ["'self'", 'https://geo.api.gouv.fr', 'https://data.geopf.fr'],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
  'form-action': ["'self'"],
};

/**
 * The policy as an HTTP header (the team server, any host): the same directives, plus 'wasm-unsafe-eval' in
 * script-src because a header also governs the import worker's script, where sql.js compiles SQLite's
 * WebAssembly (GeoPackage files). It allows WebAssembly compilation only: JavaScript eval stays blocked.
 */
export const HTTP_CSP_DIRECTIVES: Readonly<Record<string, readonly string[]>> = {
  ...CSP_DIRECTIVES,
  'script-src': [...(CSP_DIRECTIVES['script-src'] ?? []), "'wasm-unsafe-eval'"],
};

/** Serialises directives; `extra` appends sources (e.g. another basemap host) without loosening scripts. */
export function buildContentSecurityPolicy(
  extra: Partial<Record<string, readonly string[]>> = {},
  directives: Readonly<Record<string, readonly string[]>> = CSP_DIRECTIVES,
): string {
  const names = [...new Set([...Object.keys(directives), ...Object.keys(extra)])];
  return names
    .map((name) => {
      const sources = [...new Set([...(directives[name] ?? []), ...(extra[name] ?? [])])];
      return `${name} ${sources.join(' ')}`;
    })
    .join('; ');
}

export const contentSecurityPolicy = buildContentSecurityPolicy();

/**
 * Finds what the policy would block in a built index.html: inline scripts, inline event handlers and
 * `javascript:` URLs. Returns French descriptions (empty when compliant); meant for e2e/CI checks on dist/.
 */
export function findCspViolations(html: string): string[] {
  const problems: string[] = [];
  for (const match of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi)) {
    const attrs = match[1] ?? '';
    const body = match[2] ?? '';
    if (
      !/\bsrc\s*=/i.test(attrs) &&
      body.trim() !== '' &&
      !/type\s*=\s*["']?application\/(ld\+)?json/i.test(attrs)
    )
      problems.push(`Script en ligne interdit : ${body.trim().slice(0, 60)}`);
  }
  for (const match of html.matchAll(/<[a-z][^>]*\s(on[a-z]+)\s*=/gi))
    problems.push(`Gestionnaire d'événement en ligne interdit : ${match[1]}`);
  if (/(?:href|src|action)\s*=\s*["']?\s*javascript:/i.test(html)) problems.push('URL javascript: interdite');
  return problems;
}
