import { describe, expect, it } from 'vitest';
import { makePoint } from '../../../test/fixtures/lights/makePoint.ts';
import { exportProject } from '../../io/project/index.ts';
import { createEmptyWorkspace } from '../../io/project/workspace.ts';
import { readProjectFile, summariseWorkspace } from './projectFile.ts';

function workspace() {
  const ws = createEmptyWorkspace(new Date('2026-03-02T09:00:00Z'));
  ws.sections = {
    lights: { version: 1, data: { points: [{ id: 'a' }, { id: 'b' }], source: null, settings: {} } },
    lightsView: { version: 1, data: { filter: { communes: [] } } },
    advice: { version: 1, data: { sessions: [], source: null } },
    dashboard: {
      version: 1,
      data: { map: {}, pcaetIndicators: [{ id: 'x' }], pcaetValues: new Float64Array(5) },
    },
  };
  return ws;
}

/** The same sections holding records the app could have written (the import checks every record). */
function validWorkspace() {
  const ws = workspace();
  ws.sections.lights = {
    version: 1,
    data: { points: [makePoint('a'), makePoint('b')], source: null, settings: {} },
  };
  ws.sections.dashboard = { version: 1, data: { map: {}, pcaetIndicators: [], pcaetValues: [] } };
  return ws;
}

describe('project file in the menu', () => {
  it('lists the sections that hold records, with their largest list', () => {
    expect(summariseWorkspace(workspace())).toEqual([
      { label: 'Éclairage public', items: 2 },
      { label: 'Tableau de bord', items: 5 },
    ]);
  });

  it('reads an exported project back, and refuses a broken one in French without throwing', async () => {
    const bytes = await exportProject(validWorkspace(), { createdAt: '2026-03-02T10:00:00.000Z' });
    const good = await readProjectFile(new File([bytes as BlobPart], 'projet.atlas-cotri.json'));
    expect(good.ok).toBe(true);
    if (good.ok) {
      expect(good.createdAt).toBe('2026-03-02T10:00:00.000Z');
      expect(good.workspace.sections).toEqual(validWorkspace().sections);
    }
    const text = new TextDecoder().decode(bytes).replace('"b"', '"c"');
    const tampered = await readProjectFile(new File([text], 'projet.atlas-cotri.json'));
    expect(tampered).toEqual({
      ok: false,
      errors: ["sha256 : le contenu ne correspond pas à l'empreinte SHA-256 : fichier modifié ou corrompu"],
    });
    expect(await readProjectFile(new File([], 'vide.json'))).toEqual({
      ok: false,
      errors: ['Le fichier est vide.'],
    });
    const notJson = await readProjectFile(new File(['<html>'], 'page.json'));
    expect(notJson.ok).toBe(false);
  });

  // Finding 1: records are checked like `project verify` does, before anything is applied.
  it('refuses a file whose hash is right but whose records are not, with their paths', async () => {
    const bytes = await exportProject(workspace(), { createdAt: '2026-03-02T10:00:00.000Z' });
    const result = await readProjectFile(new File([bytes as BlobPart], 'projet.atlas-cotri.json'));
    expect(result).toEqual({
      ok: false,
      errors: [
        'payload.sections.dashboard.data.pcaetIndicators[0].name : champ manquant',
        'payload.sections.dashboard.data.pcaetIndicators[0].unit : champ manquant',
        'payload.sections.dashboard.data.pcaetIndicators[0].direction : champ manquant',
        'payload.sections.dashboard.data.pcaetIndicators[0].target : champ manquant',
        'payload.sections.dashboard.data.pcaetIndicators[0].level : champ manquant',
        'payload.sections.dashboard.data.pcaetValues : liste attendue',
        'payload.sections.lights.data.points[0].insee : champ manquant',
        'payload.sections.lights.data.points[0].lon : champ manquant',
        'payload.sections.lights.data.points[0].lat : champ manquant',
        'payload.sections.lights.data.points[0].technologyBefore : champ manquant',
        'payload.sections.lights.data.points[0].powerBeforeW : champ manquant',
        'payload.sections.lights.data.points[0].status : champ manquant',
        'payload.sections.lights.data.points[1].insee : champ manquant',
        'payload.sections.lights.data.points[1].lon : champ manquant',
        'payload.sections.lights.data.points[1].lat : champ manquant',
        'payload.sections.lights.data.points[1].technologyBefore : champ manquant',
        'payload.sections.lights.data.points[1].powerBeforeW : champ manquant',
        'payload.sections.lights.data.points[1].status : champ manquant',
      ],
    });
  });
});
