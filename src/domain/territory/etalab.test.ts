import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { FeatureCollection } from 'geojson';
import { describe, expect, it } from 'vitest';
import { hasShared, sharedPath } from '../../../test/support/shared.ts';
import { buildTerritory } from './build.ts';
import { type EtalabCommune, type EtalabEpci, epciReferences } from './etalab.ts';
import { summarizeTerritory } from './summary.ts';

const require = createRequire(import.meta.url);
const epcis = require('@etalab/decoupage-administratif/data/epci.json') as EtalabEpci[];
const communes = require('@etalab/decoupage-administratif/data/communes.json') as EtalabCommune[];
const SIRENS = ['246200729', '200018083', '246200380'];
const SHARED = sharedPath('data/communes-62-pas-de-calais.geojson');

describe('epciReferences', () => {
  it('lists the 74 member communes of the Pays Boulonnais with legal populations', () => {
    const refs = epciReferences(SIRENS, epcis, communes);
    if (!refs.ok) throw new Error(refs.errors.join());
    expect(refs.epci.map((e) => [e.name, e.members.length])).toEqual([
      ['CA du Boulonnais', 22],
      ['CC de Desvres-Samer', 31],
      ['CC de la Terre des Deux Caps', 21],
    ]);
    const boulogne = refs.epci[0]!.members.find((m) => m.insee === '62160');
    expect(boulogne?.name).toBe('Boulogne-sur-Mer');
    expect(boulogne?.population).toBe(
      communes.find((c) => c.code === '62160' && c.type === 'commune-actuelle')?.population,
    );
  });
  it('reports an unknown SIREN', () => {
    const refs = epciReferences(['999999999'], epcis, communes);
    expect(refs.ok).toBe(false);
    if (!refs.ok) expect(refs.errors[0]).toContain('999999999');
  });
});

describe.skipIf(!hasShared(SHARED))('territory from the Pas-de-Calais file (891 communes)', () => {
  it('selects the 74 and sums populations from the reference package', () => {
    const source = JSON.parse(readFileSync(SHARED, 'utf8')) as FeatureCollection;
    expect(source.features.length).toBe(891);
    const refs = epciReferences(SIRENS, epcis, communes);
    if (!refs.ok) throw new Error(refs.errors.join());
    const built = buildTerritory(source, refs.epci, 'Pays Boulonnais');
    if (!built.ok) throw new Error(built.errors.join('\n'));
    const summary = summarizeTerritory(
      'Pays Boulonnais',
      built.communes,
      built.epci.features.map((f) => f.properties),
      'test',
    );
    const expectedPopulation = refs.epci.flatMap((e) => e.members).reduce((s, m) => s + m.population, 0);
    expect(summary.communes).toBe(74);
    expect(summary.epci.map((e) => e.communes)).toEqual([22, 31, 21]);
    expect(summary.population).toBe(expectedPopulation);
    expect(built.outline.features).toHaveLength(1);
  });
});
