import { describe, expect, it } from 'vitest';
import { importResultFrom } from '../../../test/fixtures/lights/importResult.ts';
import { generatedIds, isMastColumn, mastAndHeadId, positionId } from './identifiers.ts';
import { mapLights } from './mapping.ts';

describe('generated identifiers', () => {
  it('depend on the position only, never on the line number', () => {
    expect(positionId(1.6142, 50.7264)).toMatch(/^PLG-[0-9A-F]{8}$/);
    expect(positionId(1.6142, 50.7264)).toBe(positionId(1.6142, 50.7264));
    expect(positionId(1.6142, 50.7264)).not.toBe(positionId(1.61421, 50.7264));
    // Pinned: the same file imported next year must give the same identifiers on any engine.
    expect(positionId(1.6142, 50.7264)).toBe(positionId(1.61420000001, 50.72640000001));
  });

  it('number the lamp heads sharing one position in file order', () => {
    const next = generatedIds();
    const base = positionId(1.6, 50.7);
    expect([next(1.6, 50.7), next(1.7, 50.7), next(1.6, 50.7), next(1.6, 50.7)]).toEqual([
      base,
      positionId(1.7, 50.7),
      `${base}-2`,
      `${base}-3`,
    ]);
  });

  it('are identical across re-imports of the same file, even reordered', () => {
    const rows = [['70'], ['100'], ['150']];
    const once = mapLights(importResultFrom(['puissance'], rows));
    const again = mapLights(importResultFrom(['puissance'], rows));
    expect(again.points.map((p) => p.id)).toEqual(once.points.map((p) => p.id));
    expect(new Set(once.points.map((p) => p.id)).size).toBe(3);
    expect(once.points.every((p) => p.generatedId)).toBe(true);
  });

  it('complete a mast code by its lamp head (cod_ouvrag + foyer)', () => {
    expect(isMastColumn('cod_ouvrag')).toBe(true);
    expect(isMastColumn('code_ouvrage')).toBe(true);
    expect(isMastColumn('identifiant')).toBe(false);
    expect(mastAndHeadId('M0123', '2')).toBe('M0123-2');
    expect(mastAndHeadId('M0123', null)).toBe('M0123');
    const result = mapLights(
      importResultFrom(
        ['COD_OUVRAG', 'FOYER', 'puissance'],
        [
          ['M1', '1', '70'],
          ['M1', '2', '70'],
        ],
      ),
    );
    expect(result.points.map((p) => p.id)).toEqual(['M1-1', 'M1-2']);
    expect(result.points.some((p) => p.generatedId)).toBe(false);
  });

  it('are not used when the file has an identifier column', () => {
    const result = mapLights(importResultFrom(['N° point lumineux', 'puissance'], [['PL-0001', '70']]));
    expect(result.points[0]).toMatchObject({ id: 'PL-0001' });
    expect(result.points[0]!.generatedId).toBeUndefined();
  });
});
