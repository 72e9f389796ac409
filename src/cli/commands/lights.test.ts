import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { fromWgs84 } from '../../io/crs/project.ts';
import { CliError } from '../errors.ts';
import { loadTerritory } from '../territoryData.ts';
import { run } from './lights.ts';

// Needs the built territory (`npm run setup`, done by CI before the tests).
const { centres } = loadTerritory();
const centre = (insee: string) => {
  const f = centres.features.find((c) => c.properties.insee === insee);
  if (!f) throw new Error(`no centre for ${insee}`);
  return f.geometry.coordinates as [number, number];
};
const l93 = (insee: string) =>
  fromWgs84('EPSG:2154', ...centre(insee))
    .map((v) => v.toFixed(2).replace('.', ','))
    .join(';');

const dir = mkdtempSync(join(tmpdir(), 'atlas-lights-'));
function write(name: string, lines: string[]): string {
  const path = join(dir, name);
  writeFileSync(path, `${lines.join('\r\n')}\r\n`);
  return path;
}

// Boulogne-sur-Mer 62160 and Desvres 62268, Lambert-93 with decimal commas, French business column names.
const inventory = () =>
  write('inventaire.csv', [
    'N° point;X;Y;Type de lampe;P (W);Statut;Date rénovation;Puissance après (W);Abaissement (h);Abaissement (%)',
    `B1;${l93('62160')};SHP;150;rénové;12/03/2025;35;6;50`, // 150 W + 15 % ballast = 172.5 W: 707.25 → 105.175 kWh, facteur 4, 602.075 saved
    `B2;${l93('62160')};Ballon fluo;125;rénové;02/04/2025;50;;`, // 143.75 W: 589.375 → 205, facteur 2.9, 384.375 saved
    `B3;${l93('62160')};SHP;100;à rénover;;;;`,
    `D1;${l93('62268')};SHP;70;rénové;15/05/2025;50;;`, // 80.5 W: 330.05 → 205, 1.6, below target, 125.05 saved
    `D2;${l93('62268')};Iodures métalliques;150;programmé;;;;`,
    `D3;${l93('62268')};SHP;cent;à rénover;;;;`, // rejected: unreadable power
    'H1;700000;7000000;SHP;100;rénové;15/05/2025;20;;', // in France, outside the territory: kept, not counted
  ]);

describe('atlas lights', () => {
  it('prints exactly the issue-4 summary', async () => {
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const output = await run([inventory()]);
    const messages = stderr.mock.calls.map((c) => String(c[0])).join('');
    stderr.mockRestore();
    expect(JSON.parse(JSON.stringify(output))).toEqual({
      points: 5,
      renovated: 3,
      facteur4: 1,
      facteur2: 1,
      belowTarget: 1,
      toRenovate: 1,
      kwhSavedPerYear: 1111.5, // 602.075 + 384.375 + 125.05 (consumed power, ballast losses included)
      byCommune: {
        '62160': { points: 3, renovated: 2, facteur4: 1, facteur2: 1 },
        '62268': { points: 2, renovated: 1, facteur4: 0, facteur2: 0 },
      },
      outsideTerritory: 1,
      gauges: { factor4: 1, factor2: 1, total: 2 },
      targetsMet: false,
    });
    expect(messages).toMatch(/ligne 7 : Puissance « cent » illisible/);
    expect(messages).toMatch(/facteur 4 1\/1\s500/);
  });

  it('prints nothing but the JSON document on stdout', () => {
    const stdout = execFileSync('npx', ['tsx', 'src/cli/index.ts', 'lights', inventory(), '--json'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    expect(stdout.endsWith('}\n')).toBe(true);
    expect(Object.keys(JSON.parse(stdout))).toEqual([
      'points',
      'renovated',
      'facteur4',
      'facteur2',
      'belowTarget',
      'toRenovate',
      'kwhSavedPerYear',
      'byCommune',
      'outsideTerritory',
      'gauges',
      'targetsMet',
    ]);
  });

  it('fails in French on a missing file, a bad option or a file without power column', async () => {
    await expect(run([])).rejects.toThrow(CliError);
    await expect(run([join(dir, 'absent.csv')])).rejects.toThrow(/Fichier introuvable/);
    await expect(run([inventory(), '--crs', 'EPSG:27575'])).rejects.toThrow(/Option --crs/);
    const noPower = write('sans-puissance.csv', ['id;X;Y;type_lampe', `1;${l93('62160')};SHP`]);
    await expect(run([noPower])).rejects.toThrow(/Colonne de puissance introuvable/);
  });
});
