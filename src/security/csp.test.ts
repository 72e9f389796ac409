import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildContentSecurityPolicy, contentSecurityPolicy, findCspViolations } from './csp.ts';
import { cspPlugin, injectCspMeta } from './vitePlugin.ts';

function directive(policy: string, name: string): string[] {
  const found = policy
    .split(';')
    .map((d) => d.trim().split(/\s+/))
    .find(([n]) => n === name);
  return found ? found.slice(1) : [];
}

describe('content security policy', () => {
  it('forbids inline scripts and eval, allows only the official hosts', () => {
    expect(directive(contentSecurityPolicy, 'default-src')).toEqual(["'self'"]);
    expect(directive(contentSecurityPolicy, 'script-src')).toEqual(["'self'"]);
    expect(contentSecurityPolicy).not.toMatch(/unsafe-eval|wasm-unsafe-eval/);
    expect(directive(contentSecurityPolicy, 'script-src')).not.toContain("'unsafe-inline'");
    expect(directive(contentSecurityPolicy, 'worker-src')).toEqual(["'self'", 'blob:']);
    expect(directive(contentSecurityPolicy, 'style-src')).toEqual(["'self'", "'unsafe-inline'"]);
    expect(directive(contentSecurityPolicy, 'img-src')).toEqual([
      "'self'",
      'data:',
      'blob:',
      'https://data.geopf.fr',
    ]);
    expect(directive(contentSecurityPolicy, 'connect-src')).toEqual([
      "'self'",
      'https://geo.api.gouv.fr',
      'https://data.geopf.fr',
    ]);
    expect(directive(contentSecurityPolicy, 'object-src')).toEqual(["'none'"]);
    const hosts = contentSecurityPolicy.match(/https?:\/\/[^\s;]+/g) ?? [];
    expect(new Set(hosts)).toEqual(new Set(['https://data.geopf.fr', 'https://geo.api.gouv.fr']));
  });

  it('extends a directive without duplicating sources', () => {
    const policy = buildContentSecurityPolicy({ 'connect-src': ['https://example.org', "'self'"] });
    expect(directive(policy, 'connect-src')).toEqual([
      "'self'",
      'https://geo.api.gouv.fr',
      'https://data.geopf.fr',
      'https://example.org',
    ]);
    expect(directive(policy, 'script-src')).toEqual(["'self'"]);
  });

  it('maplibre-gl ships no eval or Function constructor', () => {
    const dist = 'node_modules/maplibre-gl/dist';
    for (const file of ['maplibre-gl.mjs', 'maplibre-gl-worker.mjs']) {
      const code = readFileSync(`${dist}/${file}`, 'utf8');
      expect(code.length, file).toBeGreaterThan(10_000);
      expect(code.match(/(?<![\w.$])eval\s*\(/g), file).toBeNull();
      expect(code.match(/(?<![\w.$])(new\s+)?Function\s*\(/g), file).toBeNull();
    }
  });

  it('detects what the policy would block in built HTML', () => {
    expect(
      findCspViolations(
        '<html><head><script type="module" crossorigin src="/assets/index.js"></script></head><body><div id="root"></div></body></html>',
      ),
    ).toEqual([]);
    expect(findCspViolations('<script>alert(1)</script>')).toHaveLength(1);
    expect(findCspViolations('<body onload="go()">')).toEqual([
      "Gestionnaire d'événement en ligne interdit : onload",
    ]);
    expect(findCspViolations('<a href="javascript:alert(1)">x</a>')).toEqual(['URL javascript: interdite']);
    expect(findCspViolations('<script type="application/ld+json">{"a":1}</script>')).toEqual([]);
  });
});

describe('cspPlugin', () => {
  type Handler = (html: string) => string;
  const handlerOf = (plugin: ReturnType<typeof cspPlugin>): Handler => {
    const hook = plugin.transformIndexHtml as { order: string; handler: Handler };
    expect(hook.order).toBe('post');
    return hook.handler;
  };
  const metaOf = (html: string) =>
    /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)?.[1]?.replace(/&#39;/g, "'");

  it('runs at build time only and puts the meta after the charset, before any script', () => {
    const plugin = cspPlugin();
    expect(plugin.apply).toBe('build');
    const html =
      '<!doctype html><html><head><meta charset="UTF-8" /><title>x</title>' +
      '<script type="module" crossorigin src="/assets/index.js"></script></head><body></body></html>';
    const out = handlerOf(plugin)(html);
    expect(metaOf(out)).toBe(contentSecurityPolicy);
    const csp = out.indexOf('Content-Security-Policy');
    expect(out.indexOf('charset')).toBeLessThan(csp);
    expect(csp).toBeLessThan(out.indexOf('<script'));
    expect(out.replace(/\n\s*<meta http-equiv[^>]*>/, '')).toBe(html);
  });

  it('falls back to the start of <head> and works on the real index.html', () => {
    expect(
      metaOf(injectCspMeta('<html><head><script src="/a.js"></script></head></html>', "default-src 'self'")),
    ).toBe("default-src 'self'");
    expect(metaOf(handlerOf(cspPlugin())(readFileSync('index.html', 'utf8')))).toBe(contentSecurityPolicy);
  });

  it('fails the build when the HTML contains an inline script', () => {
    expect(() => handlerOf(cspPlugin())('<head><script>window.x=1</script></head>')).toThrow(/CSP/);
  });
});
