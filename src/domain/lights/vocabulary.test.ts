import { readFileSync } from 'node:fs';
import initSqlJs from 'sql.js';
import { describe, expect, it } from 'vitest';
import { hasShared, sharedPath } from '../../../test/support/shared.ts';
import { TECHNOLOGY_LABELS } from './types.ts';
import { parseTechnology, powerInLabel } from './vocabulary.ts';

describe('lamp vocabulary', () => {
  // One line per family, as real inventories (SIG exports, syndicats, maintenance contractors) write them.
  it.each([
    ['Sodium haute pression', 'sodiumHighPressure'],
    ['SHP', 'sodiumHighPressure'],
    ['SHP substituée', 'sodiumHighPressure'],
    ['LAMP SOHP 150W', 'sodiumHighPressure'],
    ['SODIUM', 'sodiumHighPressure'],
    ['SON-T 70W', 'sodiumHighPressure'],
    ['SBP', 'sodiumLowPressure'],
    ['Sodium basse pression', 'sodiumLowPressure'],
    ['Iodures métalliques', 'metalHalide'],
    ['IODURES METALLIQUES', 'metalHalide'],
    ['CDM', 'metalHalide'],
    ['CDMT-70W-3000K', 'metalHalide'],
    ['CDOTT-100W', 'metalHalide'],
    ['CDOET-100W', 'metalHalide'],
    ['Cosmopolis', 'metalHalide'],
    ['COSMO-140W', 'metalHalide'],
    ['Ballon fluorescent', 'mercury'],
    ['Mercure', 'mercury'],
    ['Vapeur de mercure HPL 125W', 'mercury'],
    ['Halogène', 'halogen'],
    ['Incandescence', 'halogen'],
    ['Fluo compacte', 'compactFluorescent'],
    ['PLC-55W', 'compactFluorescent'],
    ['TLD-58W-3000K', 'fluorescentTube'],
    ['TF-14W-3000K', 'fluorescentTube'],
    ['FLUORESCENT', 'fluorescentTube'],
    ['LED', 'led'],
    ['Diodes électroluminescentes', 'led'],
    ['LUMA MINI - LED50/830 - 3000K', 'led'],
    ['TEKK M 48 LEDS 500mA 3000K', 'led'],
    ['LED-34w', 'led'],
  ])('reads « %s » as %s', (text, expected) => {
    expect(parseTechnology(text)).toBe(expected);
  });

  it('labels every family in French', () => {
    expect(TECHNOLOGY_LABELS.sodiumLowPressure).toBe('Sodium basse pression');
    expect(TECHNOLOGY_LABELS.fluorescentTube).toBe('Tube fluorescent');
    expect(TECHNOLOGY_LABELS.halogen).toBe('Halogène / incandescence');
  });

  it.each([
    ['SHP-100W-T', 100],
    ['LAMP SOHP 150W', 150],
    ['CDMT-70W-3000K', 70],
    ['LED-34w', 34],
    ['Sodium 2,5 W', 2.5],
    ['SHP', null],
    ['TEKK M 48 LEDS 500mA 3000K', null],
    ['0W', null],
  ])('finds the power inside « %s »: %s', (text, expected) => {
    expect(powerInLabel(text)).toBe(expected);
  });
});

// The real Montpellier (Antigone) inventory: every lamp reference it uses must be understood.
const GPKG = sharedPath('reference/eclairage-montpellier-antigone-l93.gpkg');

describe.skipIf(!hasShared(GPKG))('lamp references of a real inventory (Montpellier, GeoPackage)', () => {
  it('classifies every reference and category, and reads the power written in references', async () => {
    const SQL = await initSqlJs();
    const db = new SQL.Database(readFileSync(GPKG));
    const rows = db.exec(
      'SELECT DISTINCT "L_referenc", "L_ep_cat_l" FROM extraction_points_lum WHERE "L_referenc" IS NOT NULL AND "L_referenc" <> \'\' AND "L_referenc" <> \'?\'',
    )[0]!.values as [string, string | null][];
    db.close();
    expect(rows.length).toBeGreaterThan(30);
    const unknown = rows.filter(([ref]) => parseTechnology(ref) === null).map(([ref]) => ref);
    expect(unknown).toEqual([]);
    // The file's own category agrees with the reading of the reference (FLUORESCENT covers PLC and TLD).
    const family: Record<string, string[]> = {
      SODIUM: ['sodiumHighPressure'],
      'IODURES METALLIQUES': ['metalHalide'],
      LED: ['led'],
      FLUORESCENT: ['compactFluorescent', 'fluorescentTube'],
    };
    const disagreements = rows.filter(
      ([ref, cat]) => cat && family[cat] && !family[cat]!.includes(parseTechnology(ref)!),
    );
    expect(disagreements).toEqual([]);
    const shp = rows.find(([ref]) => ref === 'SHP-100W-T');
    expect(shp && powerInLabel(shp[0])).toBe(100);
  });
});
