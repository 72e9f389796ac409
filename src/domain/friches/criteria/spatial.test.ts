import { describe, expect, it } from 'vitest';
import {
  areas,
  baseLayers,
  LAT,
  LON,
  M_PER_DEG_LAT,
  makeSite,
  metresToDegrees,
  points,
  rectangle,
  square,
} from '../../../../test/fixtures/friches/sites.ts';
import { prepareContext } from '../context.ts';
import { areaCriterion } from './area.ts';
import { centreDistanceCriterion } from './centreDistance.ts';
import { corridorShareCriterion } from './corridorShare.ts';
import { floodShareCriterion } from './floodShare.ts';
import { population1kmCriterion } from './population1km.ts';
import { protectedShareCriterion } from './protectedShare.ts';
import { stationDistanceCriterion } from './stationDistance.ts';

const ctx = prepareContext(baseLayers());

describe('area criterion', () => {
  it('measures a 100 m × 100 m square at 50.7° N as one hectare', () => {
    const site = makeSite({ surface: square(LON, LAT, 100) });
    const raw = areaCriterion.evaluate(site, ctx)!;
    // turf.area and turf.distance share one sphere (R = 6,371,008.8 m): the square measures 1 ha to < 1 m².
    expect(Math.abs(raw - 10_000)).toBeLessThan(1);
    expect(areaCriterion.normalise(raw)).toBeCloseTo(0.7, 2);
  });

  it('falls back on unite_fonciere_surface, and is non renseigné without either', () => {
    expect(areaCriterion.evaluate(makeSite({ parcelAreaM2: 3_000 }), ctx)).toBe(3_000);
    expect(areaCriterion.normalise(3_000)).toBeCloseTo(0.3, 10);
    expect(areaCriterion.evaluate(makeSite(), ctx)).toBeNull();
  });

  it('prefers the measured perimeter to the declared surface', () => {
    const site = makeSite({ surface: square(LON, LAT, 200), parcelAreaM2: 5 });
    expect(areaCriterion.evaluate(site, ctx)!).toBeCloseTo(40_000, -1);
  });

  it('normalises along its documented thresholds', () => {
    expect(areaCriterion.normalise(0)).toBe(0);
    expect(areaCriterion.normalise(5_000)).toBe(0.5);
    expect(areaCriterion.normalise(50_000)).toBe(1);
    expect(areaCriterion.normalise(1e7)).toBe(1);
    expect(areaCriterion.format(25_000)).toBe('2,5 ha');
  });
});

describe('station distance criterion', () => {
  it('is 1 km to a station placed 1 km north', () => {
    const c = prepareContext({ ...baseLayers(), stations: points([LON, LAT + 1000 / M_PER_DEG_LAT]) });
    const raw = stationDistanceCriterion.evaluate(makeSite(), c)!;
    expect(raw).toBeCloseTo(1000, 0);
    expect(stationDistanceCriterion.normalise(raw)).toBeCloseTo(0.75, 3);
  });

  it('picks the nearest of several stations, east-west distances included', () => {
    const [dx3km] = metresToDegrees(LAT, 3000, 0);
    const [dx2km] = metresToDegrees(LAT, 2000, 0);
    const c = prepareContext({
      ...baseLayers(),
      stations: points([LON + dx3km, LAT], [LON - dx2km, LAT], [LON, LAT + 2500 / M_PER_DEG_LAT]),
    });
    expect(stationDistanceCriterion.evaluate(makeSite(), c)!).toBeCloseTo(2000, -1);
  });

  it('is non renseigné without a stations layer (never 0)', () => {
    expect(stationDistanceCriterion.evaluate(makeSite(), ctx)).toBeNull();
    expect(stationDistanceCriterion.needs).toEqual(['stations']);
  });

  it('normalises along its documented thresholds', () => {
    expect(stationDistanceCriterion.normalise(200)).toBe(1);
    expect(stationDistanceCriterion.normalise(2000)).toBe(0.4);
    expect(stationDistanceCriterion.normalise(20_000)).toBe(0);
  });
});

describe('commune centre distance criterion', () => {
  it('measures the distance to the centre of the site commune', () => {
    const site = makeSite({ point: { type: 'Point', coordinates: [LON, LAT - 1000 / M_PER_DEG_LAT] } });
    const raw = centreDistanceCriterion.evaluate(site, ctx)!;
    expect(raw).toBeCloseTo(1000, 0);
    expect(centreDistanceCriterion.normalise(raw)).toBeCloseTo(0.6, 3);
  });

  it('uses the nearest centre when the layer has no INSEE codes (imported town halls)', () => {
    const c = prepareContext({
      ...baseLayers(),
      communeCentres: points([LON + 0.01, LAT], [LON, LAT + 500 / M_PER_DEG_LAT]),
    });
    expect(centreDistanceCriterion.evaluate(makeSite(), c)!).toBeCloseTo(500, 0);
  });

  it('is non renseigné for a site outside the territory whose commune has no centre', () => {
    expect(
      centreDistanceCriterion.evaluate(makeSite({ territoryInsee: null, insee: '12083' }), ctx),
    ).toBeNull();
  });
});

describe('population within 1 km criterion', () => {
  it('counts density × area of a disc fully inside one commune', () => {
    // 100,000 inhabitants on 100 km²: 1,000 per km²; disc of 1 km: π km² → ≈ 3,142 (64-gon: −0.16 %).
    const raw = population1kmCriterion.evaluate(makeSite(), ctx)!;
    expect(raw).toBeCloseTo(Math.PI * 1000 * 0.9984, -1);
  });

  it('weights by the area inside each commune (half disc outside the territory → half population)', () => {
    // Site on the eastern edge of the 10 km commune: half the disc lies outside any commune.
    const [dx] = metresToDegrees(LAT, 5_000, 0);
    const site = makeSite({ point: { type: 'Point', coordinates: [LON + dx, LAT] } });
    const full = population1kmCriterion.evaluate(makeSite(), ctx)!;
    expect(population1kmCriterion.evaluate(site, ctx)! / full).toBeCloseTo(0.5, 2);
  });

  it('adds neighbouring communes with their own density', () => {
    const layers = baseLayers(100_000);
    const west = rectangle(LON, LAT, -5_000, -5_000, 0, 5_000);
    const east = rectangle(LON, LAT, 0, -5_000, 5_000, 5_000);
    const props = layers.communes.features[0]!.properties;
    layers.communes = {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: { ...props, insee: 'W', population: 50_000, areaKm2: 50 },
          geometry: west,
        },
        {
          type: 'Feature',
          properties: { ...props, insee: 'E', population: 5_000, areaKm2: 50 },
          geometry: east,
        },
      ],
    };
    const raw = population1kmCriterion.evaluate(makeSite(), prepareContext(layers))!;
    // Half disc at 1,000/km² + half disc at 100/km² = 1,100 × π/2.
    expect(raw).toBeCloseTo((1_100 * Math.PI * 0.9984) / 2, -1);
  });

  it('is non renseigné outside the territory', () => {
    expect(population1kmCriterion.evaluate(makeSite({ territoryInsee: null }), ctx)).toBeNull();
  });
});

describe('overlap criteria (flood zones, protected areas, corridors)', () => {
  const site = makeSite({ surface: square(LON, LAT, 100) });
  // Covers the western 30 m of the 100 m square (the square spans −50..+50 m).
  const westStrip = rectangle(LON, LAT, -500, -500, -20, 500);

  it('measures the share of the site inside the zones', () => {
    const c = prepareContext({ ...baseLayers(), floodZones: areas(westStrip) });
    const share = floodShareCriterion.evaluate(site, c)!;
    expect(share).toBeCloseTo(0.3, 3);
    expect(floodShareCriterion.normalise(share)).toBeCloseTo(0.4, 3);
  });

  it('does not count twice the part covered by two overlapping zones', () => {
    const eastStrip = rectangle(LON, LAT, -40, -500, 500, 500);
    const c = prepareContext({ ...baseLayers(), protectedAreas: areas(westStrip, eastStrip, westStrip) });
    expect(protectedShareCriterion.evaluate(site, c)!).toBeCloseTo(1, 6);
  });

  it('is 0 when no zone touches the site (renseigné: the layer is loaded)', () => {
    const far = square(LON + 0.1, LAT, 100);
    const c = prepareContext({ ...baseLayers(), greenBlueCorridors: areas(far) });
    expect(corridorShareCriterion.evaluate(site, c)).toBe(0);
    expect(corridorShareCriterion.normalise(0)).toBe(1);
  });

  it('uses the point when the site has no perimeter', () => {
    const c = prepareContext({ ...baseLayers(), floodZones: areas(square(LON, LAT, 50)) });
    expect(floodShareCriterion.evaluate(makeSite(), c)).toBe(1);
    const elsewhere = makeSite({ point: { type: 'Point', coordinates: [LON + 0.01, LAT] } });
    expect(floodShareCriterion.evaluate(elsewhere, c)).toBe(0);
  });

  it('is non renseigné without the layer', () => {
    expect(floodShareCriterion.evaluate(site, ctx)).toBeNull();
    expect(protectedShareCriterion.evaluate(site, ctx)).toBeNull();
    expect(corridorShareCriterion.evaluate(site, ctx)).toBeNull();
  });
});
