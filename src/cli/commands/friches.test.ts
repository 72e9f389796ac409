import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { pprFloodZones, sncfStations } from '../../../test/fixtures/friches/officialContext.ts';
import { hasShared } from '../../../test/support/shared.ts';

const ROOT = resolve(import.meta.dirname, '../../..');
const CARTOFRICHES = '../shared/reference/cartofriches-extrait-pays-boulonnais.csv';
const CNIG = '../shared/reference/cnig-friches/fichier-valide.csv';
const needed = hasShared(resolve(ROOT, CARTOFRICHES), resolve(ROOT, CNIG));
const STATIONS = 'test/fixtures/friches/gares-test.geojson';
/** A small square around the point of site 62667_14185 (Le Portel). */
const FLOOD = 'test/fixtures/friches/zones-test.geojson';
const exec = promisify(execFile);
const atlas = (...args: string[]) =>
  exec(process.execPath, ['--import', 'tsx', 'src/cli/index.ts', ...args], { cwd: ROOT });

interface Row {
  site_id: string;
  score: number | null;
  scoreMin: number | null;
  scoreMax: number | null;
  rank: number | null;
  reliability: number;
  top5Probability: number;
  outsideTerritory: boolean;
  exclusion: string | null;
}
interface Summary {
  sites: number;
  valid: number;
  invalid: number;
  ranking: Row[];
  shortlist: string[];
}

describe.skipIf(!needed)('atlas friches --json', () => {
  it('ranks the Cartofriches extract with exactly the issue-6 and issue-13 fields', async () => {
    const { stdout, stderr } = await atlas('friches', CARTOFRICHES, '--json');
    expect(stdout.trim().split('\n')).toHaveLength(1);
    const out = JSON.parse(stdout) as Summary;
    expect(Object.keys(out)).toEqual(['sites', 'valid', 'invalid', 'ranking', 'shortlist']);
    expect(out).toMatchObject({ sites: 6, valid: 6, invalid: 0 });
    expect(out.ranking).toHaveLength(6);
    for (const row of out.ranking) {
      expect(Object.keys(row)).toEqual([
        'site_id',
        'score',
        'scoreMin',
        'scoreMax',
        'rank',
        'reliability',
        'top5Probability',
        'outsideTerritory',
        'exclusion',
      ]);
      expect(row.outsideTerritory).toBe(false);
      expect(row.scoreMin!).toBeLessThanOrEqual(row.score!);
      expect(row.score!).toBeLessThanOrEqual(row.scoreMax!);
    }
    expect(out.ranking.map((r) => r.rank)).toEqual([1, 2, 3, 4, 5, 6]);
    const scores = out.ranking.map((r) => r.score!);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    expect(out.shortlist).toEqual(out.ranking.slice(0, 5).map((r) => r.site_id));
    expect(out.ranking.reduce((s, r) => s + r.top5Probability, 0)).toBeCloseTo(5, 6);
    // No station/flood/protection layer: those criteria are missing, so reliability stays below 1.
    for (const row of out.ranking) expect(row.reliability).toBeLessThan(1);
    expect(stderr).toContain('urba_zaer');
    expect(stderr).toContain(
      'Ligne 7 signalée : commune déclarée Équihen-Plage (62300), mais le point est situé à Outreau (62643)',
    );
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
    // Habitat's eliminatory condition: more than 50 % of the site in a flood zone.
    expect(before.get(flooded)!.rank).not.toBeNull();
    expect(after.get(flooded)).toMatchObject({ rank: null, outsideTerritory: false });
    expect(after.get(flooded)!.exclusion).toMatch(/zone inondable supérieure à 50 %/);
    expect(withContext.shortlist).not.toContain(flooded);
  }, 60_000);

  it('recognises official schemas: a PPRI shapefile (Lambert-93) and SNCF stations CSV need no role', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'atlas-official-'));
    try {
      // The same square as FLOOD (around site 62667_14185), written as a COVADIS PPRI zoning shapefile.
      const ppr = pprFloodZones(1, [[1.5835, 50.7215]], 330);
      const gares = sncfStations(1, [{ name: 'Le Portel', at: [1.576, 50.712] }]);
      writeFileSync(join(dir, ppr.fileName), ppr.bytes);
      writeFileSync(join(dir, gares.fileName), gares.bytes);
      const { stdout, stderr } = await atlas(
        'friches',
        CARTOFRICHES,
        '--context',
        join(dir, ppr.fileName),
        '--context',
        join(dir, gares.fileName),
        '--preset',
        'habitat',
        '--json',
      );
      expect(stderr).toContain('zonage réglementaire PPR (COVADIS), rôle « floodZones »');
      expect(stderr).toContain('gares SNCF, rôle « stations »');
      const summary = JSON.parse(stdout) as Summary;
      const flooded = summary.ranking.find((r) => r.site_id === '62667_14185')!;
      expect(flooded).toMatchObject({ rank: null, outsideTerritory: false });
      expect(flooded.exclusion).toMatch(/zone inondable supérieure à 50 %/);
      await expect(atlas('friches', CARTOFRICHES, '--context', CNIG, '--json')).rejects.toMatchObject({
        stderr: expect.stringContaining('rôle de la couche non reconnu'),
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
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
    // The CNIG example lies in Aveyron: kept and scored, flagged, never ranked nor shortlisted.
    expect(cnig).toMatchObject({ sites: 1, valid: 1, invalid: 0, shortlist: [] });
    expect(cnig.ranking[0]).toMatchObject({
      site_id: '12083_22-12.0017',
      rank: null,
      outsideTerritory: true,
    });
    expect(cnig.ranking[0]!.score).not.toBeNull();
    expect(stderr).toMatch(/Ligne 2 signalée : geomsurf/);
    expect(stderr).toContain('Liste restreinte vide : aucun site du territoire n’est classé');
  }, 60_000);

  it('ranks and shortlists territory sites only in a national-style file full of better sites elsewhere', async () => {
    // The 6 real local rows plus 120 well-documented, favourable sites elsewhere in France (as in the national
    // Cartofriches export, where outside sites lacked commune criteria and reached 1,00).
    const text = readFileSync(resolve(ROOT, CARTOFRICHES), 'utf8');
    const [header, ...lines] = text.split(/\r?\n/).filter((l) => l !== '');
    const cols = header!.split(';');
    const at = (name: string) => cols.indexOf(name);
    const cities = [
      ['21231', 'DIJON', 5.04, 47.32],
      ['69123', 'LYON', 4.83, 45.76],
      ['33063', 'BORDEAUX', -0.57, 44.84],
      ['40192', 'MONT-DE-MARSAN', -0.5, 43.89],
      ['59350', 'LILLE', 3.06, 50.63],
    ] as const;
    const outside = Array.from({ length: 120 }, (_, k) => {
      const cells = lines[0]!.split(';');
      const [insee, name, lon, lat] = cities[k % cities.length]!;
      const set = (field: string, value: string) => {
        cells[at(field)] = value;
      };
      set('site_id', `${insee}_X${k}`);
      set('site_nom', `Friche exemplaire ${k}`);
      set('comm_insee', insee);
      set('comm_nom', name);
      set('site_statut', 'friche sans projet');
      set('sol_pollution_existe', 'pollution inexistante');
      set('bati_vacance', 'vacant');
      set('bati_etat', 'dégradation inexistante ou faible');
      set('bati_patrimoine', 'aucun');
      set('urba_zone_type', 'U');
      set('unite_fonciere_surface', '80000');
      set('geompoint', `POINT (${lon + k * 0.001} ${lat})`);
      return cells.join(';');
    });
    const dir = mkdtempSync(join(tmpdir(), 'atlas-friches-'));
    try {
      const file = join(dir, 'national.csv');
      writeFileSync(file, [header, ...outside, ...lines].join('\n'));
      const { stdout, stderr } = await atlas('friches', file, '--preset', 'habitat', '--json');
      const out = JSON.parse(stdout) as Summary;
      expect(out.sites).toBe(126);
      const inside = out.ranking.filter((r) => !r.outsideTerritory);
      const away = out.ranking.filter((r) => r.outsideTerritory);
      expect(inside).toHaveLength(6);
      expect(away).toHaveLength(120);
      for (const r of away) expect(r.rank).toBeNull();
      // Outside sites are better scored, yet only territory sites are ranked and proposed.
      expect(Math.max(...away.map((r) => r.score!))).toBeGreaterThan(
        Math.max(...inside.map((r) => r.score!)),
      );
      expect(inside.map((r) => r.rank).sort()).toEqual([1, 2, 3, 4, 5, 6]);
      expect(out.shortlist).toHaveLength(5);
      const insideIds = new Set(inside.map((r) => r.site_id));
      for (const id of out.shortlist) expect(insideIds.has(id)).toBe(true);
      expect(inside.reduce((s, r) => s + r.top5Probability, 0)).toBeCloseTo(5, 6);
      expect(stderr).toContain('120 sites hors du territoire');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('reads real spellings tolerantly, counts each reading, and agrees with atlas import --kind friches', async () => {
    const text = readFileSync(resolve(ROOT, CARTOFRICHES), 'utf8');
    const [header, ...lines] = text.split(/\r?\n/).filter((l) => l !== '');
    const cols = header!.split(';');
    const edits: Record<string, string>[] = [
      { site_type: 'mixte' },
      { site_type: 'mixte' },
      { site_type: 'mixte' },
      { site_type: 'friche d’habitation' },
      { site_type: 'agro-industrielle', proprio_personne: 'personne physique, personne morale' },
      { site_actu_date: 'NA', site_type: 'friche loisir tourisme hotellerie' },
    ];
    const rows = lines.map((line, k) => {
      const cells = line.split(';');
      for (const [field, value] of Object.entries(edits[k] ?? {})) cells[cols.indexOf(field)] = value;
      return cells.join(';');
    });
    const dir = mkdtempSync(join(tmpdir(), 'atlas-friches-'));
    try {
      const file = join(dir, 'orthographes.csv');
      writeFileSync(file, [header, ...rows].join('\n'));
      const { stdout, stderr } = await atlas('friches', file, '--json');
      const out = JSON.parse(stdout) as Summary;
      expect(out).toMatchObject({ sites: 6, valid: 6, invalid: 0 });
      expect(out.ranking.filter((r) => r.rank !== null)).toHaveLength(6); // the non-conformant site is ranked
      expect(stderr).toContain('3 valeurs « mixte » lues comme « mixte - autre » (site_type).');
      expect(stderr).toContain(
        "1 valeur « friche d’habitation » lue comme « friche d'habitat » (site_type).",
      );
      expect(stderr).toContain(
        '1 valeur « agro-industrielle » lue comme « friche agro-industrielle » (site_type).',
      );
      expect(stderr).toContain(
        '« friche loisir tourisme hotellerie » lue comme « friche loisir tourisme hôtellerie »',
      );
      expect(stderr).toContain('(proprio_personne)');
      expect(stderr).toContain('1 site sans valeur obligatoire du standard');
      const imported = JSON.parse((await atlas('import', file, '--kind', 'friches', '--json')).stdout) as {
        accepted: number;
        rejected: number;
        errors: unknown[];
      };
      expect(imported).toMatchObject({ accepted: out.valid, rejected: 0, errors: [] });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
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
