import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { INDICATOR_IDS } from '../../domain/indicators/registry.ts';

const ROOT = resolve(import.meta.dirname, '../../..');
const run = promisify(execFile);

/** The real command line on the sample datasets built by `npm run setup`. */
async function atlas(...args: string[]) {
  const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'src/cli/index.ts', ...args], {
    cwd: ROOT,
    maxBuffer: 16 * 1024 * 1024,
  });
  const lines = stdout.trim().split('\n');
  expect(lines).toHaveLength(1);
  return { json: JSON.parse(lines[0]!) as Record<string, unknown>, stderr };
}

interface Summary {
  indicator: string;
  method: string;
  breaks: number[];
  classes: { min: number; max: number; color: string; count: number; label: string }[];
  noData: number;
  communes: { insee: string; value: number | null; class: number | null }[];
  territoryValue: number | null;
  period: string;
}

describe('atlas choropleth --json', () => {
  it('prints exactly the public contract, every commune accounted for', async () => {
    const { json, stderr } = await atlas(
      'choropleth',
      '--indicator',
      'adviceSessions',
      '--method',
      'jenks',
      '--classes',
      '5',
      '--json',
    );
    expect(Object.keys(json)).toEqual([
      'indicator',
      'method',
      'breaks',
      'classes',
      'noData',
      'communes',
      'territoryValue',
      'period',
    ]);
    const s = json as unknown as Summary;
    expect(s.indicator).toBe('adviceSessions');
    expect(s.method).toBe('jenks');
    expect(s.breaks).toHaveLength(s.classes.length + 1);
    for (let i = 1; i < s.breaks.length; i++) expect(s.breaks[i]!).toBeGreaterThanOrEqual(s.breaks[i - 1]!);
    s.classes.forEach((c, i) => {
      expect(Object.keys(c)).toEqual(['min', 'max', 'color', 'count', 'label']);
      expect([c.min, c.max]).toEqual([s.breaks[i], s.breaks[i + 1]]);
      expect(c.color).toMatch(/^#[0-9a-f]{6}$/);
    });
    // A count has no small samples: classes + no data = the 74 communes of the territory.
    expect(s.classes.reduce((sum, c) => sum + c.count, 0) + s.noData).toBe(74);
    // Each commune's class is the one its value falls in, as printed in that class's label.
    expect(s.communes).toHaveLength(74);
    for (const c of s.communes) {
      if (c.class === null) continue;
      expect(c.value).toBeGreaterThanOrEqual(s.breaks[c.class]!);
      expect(c.value).toBeLessThanOrEqual(s.breaks[c.class + 1]!);
    }
    expect(new Set(s.classes.map((c) => c.label)).size).toBe(s.classes.length);
    // A count: the territory's value is the sum of the communes'.
    expect(s.territoryValue).toBe(s.communes.reduce((sum, c) => sum + (c.value ?? 0), 0));
    expect(s.period).toBe('dans la période du contrat');
    expect(stderr).toMatch(/Données au \d{2}\/\d{2}\/\d{4}\./);
  });

  it('aggregates to EPCI on request', async () => {
    const { json } = await atlas(
      'choropleth',
      '--indicator',
      'lightsRenovated',
      '--method',
      'equal',
      '--classes',
      '3',
      '--level',
      'epci',
      '--json',
    );
    const s = json as unknown as Summary;
    expect(s.method).toBe('equal');
    expect(s.classes.reduce((sum, c) => sum + c.count, 0) + s.noData).toBe(3);
  });

  it('rejects an unknown indicator in French, listing the valid ids, with a non-zero exit', async () => {
    const failure = await run(
      process.execPath,
      ['--import', 'tsx', 'src/cli/index.ts', 'choropleth', '--indicator', 'nope', '--json'],
      { cwd: ROOT },
    ).catch((error: { code: number; stdout: string; stderr: string }) => error);
    expect(failure).toMatchObject({ code: 2, stdout: '' });
    const { stderr } = failure as { stderr: string };
    expect(stderr).toContain('Indicateur inconnu : « nope »');
    for (const id of INDICATOR_IDS) expect(stderr).toContain(id);
  });

  it('rejects a class count outside 3–7', async () => {
    await expect(
      run(
        process.execPath,
        [
          '--import',
          'tsx',
          'src/cli/index.ts',
          'choropleth',
          '--indicator',
          'lightsFactor4',
          '--classes',
          '9',
        ],
        { cwd: ROOT },
      ),
    ).rejects.toMatchObject({ code: 2, stdout: '', stderr: expect.stringContaining('de 3 à 7') });
  });
});
