import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/*
 * The import rules of .dependency-cruiser.cjs, checked the way `npm run lint` checks them (the depcruise CLI),
 * on a tiny fixture tree whose files break one rule each. The real code is checked by `npm run lint` itself.
 */

const ROOT = resolve(import.meta.dirname, '..');
const CONFIG = resolve(ROOT, '.dependency-cruiser.cjs');
const CLI = resolve(ROOT, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');
const FIXTURES = resolve(ROOT, 'test/fixtures/architecture');

interface Violation {
  from: string;
  to: string;
  rule: { name: string; severity: string };
}

/** Runs depcruise with the project's rules in `cwd` over `paths`; the JSON report's violations. */
function violations(cwd: string, paths: string[]): Violation[] {
  let out: string;
  try {
    out = execFileSync(process.execPath, [CLI, ...paths, '--config', CONFIG, '--output-type', 'json'], {
      cwd,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch (error) {
    // depcruise exits non-zero when it finds errors; the report is still on stdout.
    out = (error as { stdout?: string }).stdout ?? '';
    if (!out) throw error;
  }
  return (JSON.parse(out) as { summary: { violations: Violation[] } }).summary.violations;
}

const brief = (list: Violation[]) => list.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`);

describe('architecture rules (.dependency-cruiser.cjs)', () => {
  // One fixture tree, one run (depcruise takes seconds to start): each file breaks or keeps one rule.
  it('reject io → domain, domain → state and runtime cycles; accept domain → io and type-only cycles', () => {
    const found = violations(resolve(FIXTURES, 'tree'), ['src']);
    expect(brief(found).sort()).toEqual([
      'domain-is-pure: src/domain/rule.ts → src/state/store.ts',
      'io-imports-no-other-layer: src/io/format.ts → src/domain/site.ts',
      'no-circular: src/domain/a.ts → src/domain/b.ts',
    ]);
  });

  it('run in npm run lint, so CI fails on a violation', () => {
    const pkg = JSON.parse(readFileSync(resolve(ROOT, 'package.json'), 'utf8')) as {
      scripts: { lint: string };
    };
    expect(pkg.scripts.lint).toContain('depcruise src scripts --config .dependency-cruiser.cjs');
  });
});
