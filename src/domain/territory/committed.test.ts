import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CommuneCollection, EpciCollection, TerritoryMeta } from './types.ts';

/**
 * The territory committed under data/territory/ (what a fresh clone serves offline) still agrees with the
 * reference package: same INSEE codes, same EPCI membership, same legal populations. A package upgrade that
 * changes them fails here until `npm run setup -- --refresh` rebuilds the files.
 */
const require = createRequire(import.meta.url);
const DIR = resolve(import.meta.dirname, '../../../data/territory');
const read = <T>(name: string) => JSON.parse(readFileSync(resolve(DIR, name), 'utf8')) as T;
const config = read<{ epci: string[] }>('../territory.config.json');
const epcis = require('@etalab/decoupage-administratif/data/epci.json') as {
  code: string;
  nom: string;
  membres: { code: string }[];
}[];
const communes = require('@etalab/decoupage-administratif/data/communes.json') as {
  code: string;
  type: string;
  population?: number;
}[];

describe('committed territory (data/territory/)', () => {
  const committed = read<CommuneCollection>('communes.geojson');
  const expected = config.epci.flatMap((siren) =>
    epcis.find((e) => e.code === siren)!.membres.map((m) => ({ insee: m.code, siren })),
  );

  it('has the INSEE codes and EPCI membership of @etalab/decoupage-administratif', () => {
    expect(expected).toHaveLength(74);
    const actual = committed.features.map((f) => ({
      insee: f.properties.insee,
      siren: f.properties.epciSiren,
    }));
    const byCode = (a: { insee: string }, b: { insee: string }) => a.insee.localeCompare(b.insee);
    expect(actual.sort(byCode)).toEqual([...expected].sort(byCode));
  });

  it('has the legal populations of the package, and the meta sums them', () => {
    for (const f of committed.features) {
      const ref = communes.find((c) => c.code === f.properties.insee && c.type === 'commune-actuelle');
      expect(f.properties.population, f.properties.insee).toBe(ref?.population);
    }
    const meta = read<TerritoryMeta>('territory.meta.json');
    expect(meta.communes).toBe(74);
    expect(meta.population).toBe(committed.features.reduce((s, f) => s + f.properties.population, 0));
    expect(meta.licence).toMatch(/^Licence Ouverte 2\.0 .*IGN Admin Express/);
    expect(meta.builtAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    const epci = read<EpciCollection>('epci.geojson');
    expect(epci.features.map((f) => f.properties.siren)).toEqual(config.epci);
  });

  it('stays small (the app fetches it on every start)', () => {
    const bytes = ['communes.geojson', 'epci.geojson', 'territory.geojson', 'centres.geojson']
      .map((name) => readFileSync(resolve(DIR, name)).length)
      .reduce((a, b) => a + b, 0);
    expect(bytes).toBeLessThan(400_000);
  });
});
