import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../../..');
const CARTOFRICHES = '../shared/reference/cartofriches-extrait-pays-boulonnais.csv';
const CNIG = '../shared/reference/cnig-friches/fichier-valide.csv';
const STATIONS = 'test/fixtures/friches/gares-test.geojson';
/** A small square around the point of site 62667_14185 (Le Portel). */
const FLOOD = 'test/fixtures/friches/zones-test.geojson';
const exec = promisify(execFile);
const atlas = (...args: string[]) =>
  exec(process.execPath, ['--import', 'tsx', 'src/cli/index.ts', ...args], { cwd: ROOT });

interface Row {
  site_id: string;
  score: number | null;
  rank: number | null;
  reliability: number;
  top5Probability: number;
}
interface Summary {
  sites: number;
  valid: number;
  invalid: number;
  ranking: Row[];
  shortlist: string[];
}

describe('atlas friches --json', () => {
  it('ranks the Cartofriches extract with exactly the issue-6 fields', async () => {
    const { stdout, stderr } = await atlas('friches', CARTOFRICHES, '--json');
    expect(stdout.trim().split('\n')).toHaveLength(1);
    const out = JSON.parse(stdout) as Summary;
    expect(Object.keys(out)).toEqual(['sites', 'valid', 'invalid', 'ranking', 'shortlist']);
    expect(out).toMatchObject({ sites: 6, valid: 6, invalid: 0 });
    expect(out.ranking).toHaveLength(6);
    for (const row of out.ranking) {
      expect(Object.keys(row)).toEqual(['site_id', 'score', 'rank', 'reliability', 'top5Probability']);
    }
    expect(out.ranking.map((r) => r.rank)).toEqual([1, 2, 3, 4, 5, 6]);
    const scores = out.ranking.map((r) => r.score!);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    expect(out.shortlist).toEqual(out.ranking.slice(0, 5).map((r) => r.site_id));
    expect(out.ranking.reduce((s, r) => s + r.top5Probability, 0)).toBeCloseTo(5, 6);
    // No station/flood/protection layer: those criteria are missing, so reliability stays below 1.
    for (const row of out.ranking) expect(row.reliability).toBeLessThan(1);
    expect(stderr).toContain('urba_zaer');
    expect(stderr).toContain('Ligne 7 signalée : comm_insee');
  }, 60_000);

  it('uses imported context layers (reliability rises) and presets (flooded site demoted for habitat)', async () => {
    const base = JSON.parse(
      (await atlas('friches', CARTOFRICHES, '--preset', 'habitat', '--json')).stdout,
    ) as Summary;
    const withContext = JSON.parse(
      (
        await atlas(
          'friches',
          CARTOFRICHES,
          '--context',
          `stations=${STATIONS}`,
          '--context',
          `floodZones=${FLOOD}`,
          '--preset',
          'habitat',
          '--json',
        )
      ).stdout,
    ) as Summary;
    const byId = (s: Summary) => new Map(s.ranking.map((r) => [r.site_id, r]));
    const before = byId(base);
    const after = byId(withContext);
    for (const [id, row] of after) expect(row.reliability).toBeGreaterThan(before.get(id)!.reliability);
    const flooded = '62667_14185';
    const dryScores = withContext.ranking.filter((r) => r.site_id !== flooded).map((r) => r.score!);
    expect(after.get(flooded)!.score!).toBeLessThan(Math.max(...dryScores));
    expect(after.get(flooded)!.rank).toBeGreaterThan(before.get(flooded)!.rank!);
  }, 60_000);

  it('keeps pinned sites as the shortlist and validates the CNIG example', async () => {
    const pinned = JSON.parse(
      (
        await atlas(
          'friches',
          CARTOFRICHES,
          '--pin',
          '62160_8522=Proche du port',
          '--pin',
          '62300_4824',
          '--json',
        )
      ).stdout,
    ) as Summary;
    expect(pinned.shortlist).toEqual(['62160_8522', '62300_4824']);
    const { stdout, stderr } = await atlas('friches', CNIG, '--json');
    const cnig = JSON.parse(stdout) as Summary;
    expect(cnig).toMatchObject({ sites: 1, valid: 1, invalid: 0, shortlist: ['12083_22-12.0017'] });
    expect(stderr).toMatch(/Ligne 2 signalée : geomsurf/);
  }, 60_000);

  it('explains bad arguments in French on stderr', async () => {
    await expect(atlas('friches', CARTOFRICHES, '--preset', 'parking', '--json')).rejects.toMatchObject({
      code: 2,
      stdout: '',
      stderr: expect.stringContaining('habitat, economie, equipement, renaturation'),
    });
    await expect(
      atlas('friches', CARTOFRICHES, '--context', `gares=${STATIONS}`, '--json'),
    ).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining('rôle « gares » inconnu'),
    });
    await expect(atlas('friches', 'absent.csv', '--json')).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('Fichier introuvable'),
    });
  }, 60_000);
});
