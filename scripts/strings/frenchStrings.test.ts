/**
 * French in the interface (issue #16, item 9): the strings of src/ui and src/cli never write plurals as
 * « (s) » nor show ISO dates. Files listed in KNOWN still hold some (owned by other work in progress):
 * their count may only go down, and any new file with one fails.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ISO_DATE, PLURAL_S, uiStrings } from './scan.ts';

const ROOTS = ['src/ui', 'src/cli'];

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return files(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

/** Offending strings left when this test was written (file → count); fix them, then lower the count. */
const KNOWN: Record<string, number> = {
  'src/ui/friches/ContributionChart.tsx': 1,
  'src/ui/friches/DataTab.tsx': 2,
  'src/ui/friches/FrichesPanel.tsx': 2,
  'src/ui/friches/ImportReportView.tsx': 6,
  'src/ui/friches/PinForm.tsx': 1,
  'src/ui/friches/RankingTable.tsx': 2,
  'src/ui/import/ReportStep.tsx': 1,
  'src/ui/lights/BatchEditForm.tsx': 3,
  'src/ui/lights/ImportSection.tsx': 4,
  'src/ui/lights/ProgressSection.tsx': 4,
  'src/ui/project/PersistenceBanner.tsx': 1,
  'src/ui/project/ProjectMenu.tsx': 2,
  'src/cli/commands/lights.ts': 5,
};

describe('French interface strings', () => {
  const offenders = new Map<string, string[]>();
  for (const file of ROOTS.flatMap(files)) {
    const bad = uiStrings(file).filter((s) => PLURAL_S.test(s) || ISO_DATE.test(s));
    if (bad.length > 0) offenders.set(file, bad);
  }

  it('has no « (s) » plural nor ISO date beyond the known ones', () => {
    const over = [...offenders]
      .filter(([file, bad]) => bad.length > (KNOWN[file] ?? 0))
      .map(([file, bad]) => `${file}: ${bad.map((s) => JSON.stringify(s)).join(', ')}`);
    expect(over).toEqual([]);
  });

  it('detects what it is meant to detect', () => {
    expect(PLURAL_S.test('3 ligne(s) rejetée(s)')).toBe(true);
    expect(PLURAL_S.test('3 lignes rejetées')).toBe(false);
    expect(ISO_DATE.test('Données du 2026-10-31.')).toBe(true);
    expect(ISO_DATE.test('Données au 31/10/2026.')).toBe(false);
  });
});
