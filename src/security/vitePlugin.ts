import type { Plugin } from 'vite';
import { escapeHtml } from '../io/sanitize.ts';
import { contentSecurityPolicy, findCspViolations } from './csp.ts';

/**
 * Puts the policy's <meta> right after <meta charset> (which must stay first) and before every script, since
 * a meta policy only governs what follows it.
 */
export function injectCspMeta(html: string, policy: string): string {
  const tag = `<meta http-equiv="Content-Security-Policy" content="${escapeHtml(policy)}">`;
  const charset = /<meta\s+charset\s*=[^>]*>/i.exec(html);
  if (charset)
    return `${html.slice(0, charset.index + charset[0].length)}\n    ${tag}${html.slice(charset.index + charset[0].length)}`;
  const head = /<head[^>]*>/i.exec(html);
  if (!head) throw new Error('index.html sans <head> : impossible d’y placer la CSP');
  return `${html.slice(0, head.index + head[0].length)}\n    ${tag}${html.slice(head.index + head[0].length)}`;
}

/**
 * Adds the CSP <meta> to index.html in `vite build` only: the dev server needs inline scripts (HMR, React
 * refresh preamble) that the policy forbids. `vite preview` serves the built file, so e2e runs under the policy.
 * Fails the build if the final HTML contains something the policy would block, rather than shipping a broken app.
 */
export function cspPlugin(policy: string = contentSecurityPolicy): Plugin {
  return {
    name: 'atlas-cotri:csp',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html: string): string {
        const violations = findCspViolations(html);
        if (violations.length > 0)
          throw new Error(`index.html incompatible avec la CSP : ${violations.join(' ; ')}`);
        return injectCspMeta(html, policy);
      },
    },
  };
}
