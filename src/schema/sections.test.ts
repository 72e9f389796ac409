import { describe, expect, it } from 'vitest';
import { makeSite } from '../../test/fixtures/friches/sites.ts';
import { makePoint, renovated } from '../../test/fixtures/lights/makePoint.ts';
import { makeSession } from '../domain/advice/testSessions.ts';
import { LISTED_ERRORS } from './issues.ts';
import { checkSectionData, checkWorkspaceSections } from './sections.ts';

const source = { kind: 'manual', updatedAt: '2026-01-01T00:00:00.000Z' };

describe('section schemas', () => {
  it('accepts the records the app writes', () => {
    const lights = { points: [makePoint('a'), renovated('b', 20, '2025-01-02')], source, settings: {} };
    expect(checkSectionData('lights', lights).ok).toBe(true);
    const advice = { sessions: [makeSession('s', '2025-06-01', 'worksDone')], source: null, settings: {} };
    expect(checkSectionData('advice', advice).ok).toBe(true);
    expect(checkSectionData('friches', { sites: [makeSite()], source, context: {}, pins: [] }).ok).toBe(true);
    expect(checkSectionData('dashboard', { map: {}, pcaetIndicators: [], pcaetValues: [] }).ok).toBe(true);
    // Team mode labels the shared records with where they come from: the team server.
    const team = { kind: 'team', syncedAt: '2026-12-01T08:00:00.000Z' };
    expect(checkSectionData('friches', { sites: [makeSite()], source: team, context: {}, pins: [] }).ok).toBe(
      true,
    );
    expect(
      checkSectionData('friches', { sites: [], source: { kind: 'team' }, context: {}, pins: [] }).ok,
    ).toBe(false);
  });

  it('locates a null record in French (« lights.points[0] : point nul »)', () => {
    expect(checkSectionData('lights', { points: [null], source })).toEqual({
      ok: false,
      errors: [{ path: 'lights.points[0]', reason: 'point nul' }],
    });
    expect(
      checkSectionData('advice', { sessions: [makeSession('s', '2025-06-01', 'worksDone'), null] }),
    ).toEqual({
      ok: false,
      errors: [{ path: 'advice.sessions[1]', reason: 'conseil nul' }],
    });
    expect(checkSectionData('friches', { sites: [null] })).toMatchObject({
      errors: [{ path: 'friches.sites[0]', reason: 'site nul' }],
    });
  });

  it('names missing fields, wrong types and unknown values without any library English', () => {
    const { lon: _lon, ...noLon } = makePoint('a');
    const result = checkSectionData('lights', {
      points: [noLon, makePoint('b', { lat: Number.NaN }), makePoint('c', { status: 'broken' as never })],
    });
    expect(result).toEqual({
      ok: false,
      errors: [
        { path: 'lights.points[0].lon', reason: 'champ manquant' },
        { path: 'lights.points[1].lat', reason: 'nombre attendu' },
        { path: 'lights.points[2].status', reason: '« broken » n’est pas une valeur admise' },
      ],
    });
  });

  it('refuses garbage sections (not objects, lists of scalars, bad sources)', () => {
    expect(checkSectionData('lights', 'garbage').ok).toBe(false);
    // A list is not read through Array.prototype (« data.map : objet attendu » before).
    expect(checkSectionData('dashboard', [1, 2])).toEqual({
      ok: false,
      errors: [{ path: 'dashboard', reason: 'objet attendu (liste reçue)' }],
    });
    expect(checkSectionData('lights', { points: 'x' }).ok).toBe(false);
    expect(checkSectionData('lights', { points: [], source: { kind: 'other' } }).ok).toBe(false);
    expect(checkSectionData('lightsView', { filter: 3 }).ok).toBe(false);
    expect(
      checkSectionData('friches', {
        context: { stations: { layer: { type: 'FeatureCollection', features: [null] }, source } },
      }).ok,
    ).toBe(false);
  });

  it('cuts a long list of problems with a count', () => {
    const result = checkSectionData('lights', { points: Array.from({ length: 1000 }, () => null) });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toHaveLength(LISTED_ERRORS + 1);
    expect(result.errors.at(-1)).toEqual({ path: 'lights', reason: '… et 980 autres problèmes' });
  });

  it('checks every known section of a workspace, leaving unknown ones to be kept aside', () => {
    expect(
      checkWorkspaceSections({
        lights: { version: 1, data: { points: [null] } },
        misc: { anything: true },
        advice: 'x',
      }),
    ).toEqual([
      { path: 'sections.lights.data.points[0]', reason: 'point nul' },
      { path: 'sections.advice', reason: 'section { version, data } attendue' },
    ]);
  });
});
