import { describe, expect, it } from 'vitest';
import { communeNameKey, createCommuneResolver } from './communes.ts';

const resolver = createCommuneResolver([
  { insee: '62160', name: 'Boulogne-sur-Mer' },
  { insee: '62667', name: 'Le Portel' },
  { insee: '62758', name: 'Saint-Martin-Boulogne' },
  { insee: '62300', name: 'Équihen-Plage' },
  { insee: '62908', name: 'La Capelle-lès-Boulogne' },
]);

describe('commune resolution', () => {
  it.each([
    ['BOULOGNE SUR MER', '62160'],
    ['62200 Boulogne-sur-Mer', '62160'],
    ['Portel (Le)', '62667'],
    ['St Martin Boulogne', '62758'],
    ['st-martin-boulogne', '62758'],
    ['equihen plage', '62300'],
    ['Capelle-les-Boulogne (La)', '62908'],
  ])('matches the name %j', (name, insee) => {
    expect(resolver.resolve(null, name)).toEqual({ ok: true, insee, via: 'name' });
  });
  it('flags a code and a name that disagree, falls back on the name when the code is not a commune', () => {
    expect(resolver.resolve('62160', 'Le Portel')).toEqual({
      ok: false,
      reason: 'code INSEE 62160 (Boulogne-sur-Mer) et commune « Le Portel » (62667) ne concordent pas',
    });
    expect(resolver.resolve('62160', 'Boulogne sur mer')).toEqual({ ok: true, insee: '62160', via: 'insee' });
    expect(resolver.resolve('62160.0', null)).toMatchObject({ ok: true, insee: '62160' });
    expect(resolver.resolve('62200', 'Boulogne-sur-Mer')).toEqual({ ok: true, insee: '62160', via: 'name' });
  });
  it('explains why a commune is unknown', () => {
    expect(resolver.resolve('62200', null)).toEqual({
      ok: false,
      reason: 'commune 62200 hors du territoire (est-ce un code postal ?)',
      outside: true,
    });
    expect(resolver.resolve('59350', null)).toEqual({
      ok: false,
      reason: 'commune 59350 hors du territoire',
      outside: true,
    });
    expect(resolver.resolve('abc', null)).toMatchObject({
      ok: false,
      reason: expect.stringContaining('invalide'),
    });
    expect(resolver.resolve(null, 'Paris')).toEqual({
      ok: false,
      reason: 'commune « Paris » inconnue dans le territoire',
    });
    expect(resolver.resolve(' ', '')).toEqual({
      ok: false,
      reason: 'commune non renseignée (ni code INSEE ni nom)',
    });
  });
  it('keys names without accents, case or punctuation', () => {
    expect(communeNameKey('Sainte-Gertrude')).toBe(communeNameKey('Ste Gertrude'));
    expect(communeNameKey("Hesdin-l'Abbé")).toBe('hesdinlabbe');
  });
});
