/**
 * French in the interface (issue #16, item 9): plurals are never written « (s) » anywhere in src (domain,
 * import and server messages reach the interface too), and the strings of src/ui and src/cli show no ISO
 * date (domain code legitimately holds ISO constants such as a regulation's start date).
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ISO_DATE, PLURAL_S, uiStrings } from './scan.ts';

const PLURAL_ROOTS = ['src'];
const ISO_ROOTS = ['src/ui', 'src/cli'];

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return files(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) && !/\/test\//.test(path) ? [path] : [];
  });
}

function offenders(roots: string[], pattern: RegExp): string[] {
  return roots.flatMap(files).flatMap((file) =>
    uiStrings(file)
      .filter((s) => pattern.test(s))
      .map((s) => `${file}: ${JSON.stringify(s)}`),
  );
}

describe('French interface strings', () => {
  it('writes plurals out, never « (s) »', () => {
    expect(offenders(PLURAL_ROOTS, PLURAL_S)).toEqual([]);
  });

  it('shows no ISO date in the interface or the command line', () => {
    expect(offenders(ISO_ROOTS, ISO_DATE)).toEqual([]);
  });

  it('detects what it is meant to detect', () => {
    expect(PLURAL_S.test('3 ligne(s) rejetée(s)')).toBe(true);
    expect(PLURAL_S.test('non chargé(es)')).toBe(true);
    expect(PLURAL_S.test('3 lignes rejetées')).toBe(false);
    expect(PLURAL_S.test('une URL http(s)')).toBe(false);
    expect(ISO_DATE.test('Données du 2026-10-31.')).toBe(true);
    expect(ISO_DATE.test('Données au 31/10/2026.')).toBe(false);
  });
});
