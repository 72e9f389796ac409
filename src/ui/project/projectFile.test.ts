import { describe, expect, it } from 'vitest';
import { exportProject } from '../../io/project/index.ts';
import { createEmptyWorkspace } from '../../storage/workspace.ts';
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

describe('project file in the menu', () => {
  it('lists the sections that hold records, with their largest list', () => {
    expect(summariseWorkspace(workspace())).toEqual([
      { label: 'Éclairage public', items: 2 },
      { label: 'Tableau de bord', items: 5 },
    ]);
  });

  it('reads an exported project back, and refuses a broken one in French without throwing', async () => {
    const bytes = await exportProject(workspace(), { createdAt: '2026-03-02T10:00:00.000Z' });
    const good = await readProjectFile(new File([bytes as BlobPart], 'projet.atlas-cotri.json'));
    expect(good.ok).toBe(true);
    if (good.ok) {
      expect(good.createdAt).toBe('2026-03-02T10:00:00.000Z');
      expect(good.workspace.sections).toEqual(workspace().sections);
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
});
