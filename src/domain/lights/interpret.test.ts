import { describe, expect, it } from 'vitest';
import { importResultFrom } from '../../../test/fixtures/lights/importResult.ts';
import { resolveLightColumns } from './columns.ts';
import { interpretLightValue, LIGHT_DIALOG_FIELDS } from './interpret.ts';
import { mapLights } from './mapping.ts';

describe('mapping step', () => {
  it('lists every field the module reads but the identifier (chosen with the engine mapping)', () => {
    expect(LIGHT_DIALOG_FIELDS).not.toContain('id');
    for (const f of ['status', 'technologyBefore', 'powerBeforeW', 'technologyAfter', 'powerAfterW'])
      expect(LIGHT_DIALOG_FIELDS).toContain(f);
    for (const f of [
      'renovationDate',
      'scheduledDate',
      'dimmingHours',
      'switchOffHours',
      'colourTemperatureK',
    ])
      expect(LIGHT_DIALOG_FIELDS).toContain(f);
    for (const f of ['ulrPercent', 'fluxLm', 'installYear', 'address'])
      expect(LIGHT_DIALOG_FIELDS).toContain(f);
  });

  it('interprets values as mapLights reads them', () => {
    expect(interpretLightValue('technologyBefore', 'Sodium haute pression')).toBe('Sodium haute pression');
    expect(interpretLightValue('technologyBefore', 'plasma')).toMatch(/^non reconnue/);
    expect(interpretLightValue('status', 'Rénové')).toBe('rénové');
    expect(interpretLightValue('status', 'peut-être')).toMatch(/^non reconnu/);
    expect(interpretLightValue('powerBeforeW', '150 W')).toBe('150 W');
    expect(interpretLightValue('renovationDate', '2025-03-12')).toBe('12/03/2025');
    expect(interpretLightValue('renovationDate', '32/13/2025')).toMatch(/illisible/);
  });

  it('uses the columns chosen in the dialog over the detection, « aucune » included', () => {
    const fields = ['N° point lumineux', 'Puissance (W)', 'État', 'Statut travaux'];
    expect(resolveLightColumns(fields, 'N° point lumineux').status).toBe('État');
    const chosen = resolveLightColumns(fields, 'N° point lumineux', { status: 'Statut travaux' });
    expect(chosen).toMatchObject({
      id: 'N° point lumineux',
      powerBeforeW: 'Puissance (W)',
      status: 'Statut travaux',
    });
    expect(resolveLightColumns(fields, null, { powerBeforeW: null }).powerBeforeW).toBeNull();
    // A column taken by a choice is not guessed again for another field.
    expect(resolveLightColumns(['puissance', 'p_w'], null, { powerAfterW: 'puissance' }).powerBeforeW).toBe(
      'p_w',
    );
  });

  it('changes what the points are when the status column changes', () => {
    const fields = ['id', 'puissance', 'État', 'Statut travaux'];
    const rows = [['A', '100', 'Rénové', 'à rénover']];
    const detected = mapLights(importResultFrom(fields, rows));
    const chosen = mapLights(importResultFrom(fields, rows), { status: 'Statut travaux' });
    expect(detected.points[0]!.status).toBe('renovated');
    expect(chosen.points[0]!.status).toBe('toRenovate');
  });
});
