import type { HtmlTagDescriptor, Plugin } from 'vite';
import { contentSecurityPolicy, findCspViolations } from './csp.ts';

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
      handler(html: string): { html: string; tags: HtmlTagDescriptor[] } {
        const violations = findCspViolations(html);
        if (violations.length > 0)
          throw new Error(`index.html incompatible avec la CSP : ${violations.join(' ; ')}`);
        return {
          html,
          tags: [
            {
              tag: 'meta',
              attrs: { 'http-equiv': 'Content-Security-Policy', content: policy },
              injectTo: 'head-prepend',
            },
          ],
        };
      },
    },
  };
}
