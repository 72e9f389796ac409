// @vitest-environment jsdom
/**
 * « Exporter mes données » (error boundaries): a project file that Projet → Importer reads back, from the page's
 * state or else the last save; a raw dump, named and announced « non réimportable », only when neither forms
 * an importable project.
 */
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sampleWorkspace } from '../../../test/fixtures/project/workspaces.ts';
import { createEmptyWorkspace, type Workspace } from '../../io/project/workspace.ts';
import { readProject } from '../../schema/project.ts';
import { DB_NAME, openWorkspaceDb, saveWorkspace } from '../../storage/index.ts';
import { defaultExportSources, type ExportSources, exportMyData } from './wayOut.ts';

const NOW = () => new Date('2026-12-03T10:00:00.000Z');
const SOURCE = { kind: 'import', fileName: 'mon-inventaire.csv', importedAt: '2026-11-02T09:00:00.000Z' };

function workspaceWith(sections: Record<string, unknown>): Workspace {
  const workspace = createEmptyWorkspace(NOW());
  workspace.sections = sections;
  return workspace;
}
const valid = () => workspaceWith({ lights: { version: 1, data: { points: [], source: SOURCE } } });
const nullPoint = () => workspaceWith({ lights: { version: 1, data: { points: [null], source: SOURCE } } });

async function store(workspace: Workspace): Promise<void> {
  const opened = await openWorkspaceDb();
  if (!opened.ok) throw new Error(opened.message);
  expect((await saveWorkspace(opened.db, workspace, { expectedRevision: 0 })).ok).toBe(true);
  opened.db.close();
}

function dropDatabase(): Promise<void> {
  return new Promise((done, fail) => {
    const request = indexedDB.deleteDatabase(DB_NAME);
    request.onsuccess = () => done();
    request.onerror = () => fail(request.error);
  });
}

let files: { name: string; blob: Blob }[];
const download = (blob: Blob, name: string) => files.push({ name, blob });
const sources = (patch: Partial<ExportSources>): ExportSources => ({ ...defaultExportSources, ...patch });
const bytesOf = async (blob: Blob) => new Uint8Array(await blob.arrayBuffer());

beforeEach(async () => {
  files = [];
  await dropDatabase();
});
afterEach(dropDatabase);

describe('exportMyData', () => {
  it('exports the page state as a project file that the project import reads back unchanged', async () => {
    const live = valid();
    const result = await exportMyData(sources({ live: async () => live }), download, NOW);
    expect(result).toEqual({
      ok: true,
      message:
        'Fichier de projet « atlas-cotri-2026-12-03.atlas-cotri.json » exporté : il se réimporte par « Projet → Importer un projet… ».',
    });
    expect(files.map((f) => f.name)).toEqual(['atlas-cotri-2026-12-03.atlas-cotri.json']);
    const back = await readProject(await bytesOf(files[0]!.blob));
    expect(back.ok).toBe(true);
    expect(back.workspace?.sections).toEqual(live.sections);
  });

  it('keeps every codec feature (typed arrays, non-finite numbers) through the round trip', async () => {
    const live = sampleWorkspace();
    await exportMyData(sources({ live: async () => live }), download, NOW);
    const back = await readProject(await bytesOf(files[0]!.blob));
    expect(back.errors).toEqual([]);
    expect(back.workspace?.layers).toEqual(live.layers);
    expect(back.workspace?.sections).toEqual(live.sections);
  });

  it('falls back to the last save when the page state is not an importable project', async () => {
    await store(valid());
    const result = await exportMyData(sources({ live: async () => nullPoint() }), download, NOW);
    expect(result.ok).toBe(true);
    expect(result.message).toContain('depuis le dernier enregistrement de ce navigateur');
    expect(files.map((f) => f.name)).toEqual(['atlas-cotri-2026-12-03.atlas-cotri.json']);
    const back = await readProject(await bytesOf(files[0]!.blob));
    expect(back.workspace?.sections).toEqual(valid().sections);
  });

  it('reads the last save when the page state cannot be read at all', async () => {
    await store(valid());
    const broken = async (): Promise<Workspace> => {
      throw new TypeError("Cannot read properties of null (reading 'id')");
    };
    const result = await exportMyData(sources({ live: broken }), download, NOW);
    expect(result.message).toContain('depuis le dernier enregistrement');
    expect((await readProject(await bytesOf(files[0]!.blob))).ok).toBe(true);
  });

  it('dumps the database raw, labelled « non réimportable » with the reason, only when no project is importable', async () => {
    await store(nullPoint());
    const result = await exportMyData(sources({ live: async () => nullPoint() }), download, NOW);
    const name = 'atlas-cotri-export-brut-non-reimportable-2026-12-03.json';
    expect(result).toEqual({
      ok: true,
      message:
        `Export brut « ${name} » (non réimportable) : vos données ne forment pas un projet importable ` +
        '(payload.sections.lights.data.points[0] : point nul). Gardez ce fichier pour une récupération ' +
        'manuelle ; il ne s’importe pas par « Projet → Importer un projet… ».',
    });
    expect(files.map((f) => f.name)).toEqual([name]);
    const text = await files[0]!.blob.text();
    const raw = JSON.parse(text) as { format: string; notice: string; sections: Record<string, unknown> };
    expect(raw.format).toBe('atlas-cotri-export-brut');
    expect(raw.notice).toMatch(
      /^Export brut, non réimportable : vos données ne forment pas un projet importable/,
    );
    // Everything stored is in it, the bad record included, for a manual recovery.
    expect(JSON.stringify(raw.sections)).toContain('"points":[null]');
    // And the project import refuses it, as announced.
    expect((await readProject(text)).ok).toBe(false);
  });

  it('says so when there is no page state and nothing saved, and still dumps the database', async () => {
    const result = await exportMyData(sources({ live: async () => null }), download, NOW);
    expect(result.message).toContain('aucun projet lisible dans ce navigateur');
    expect(files.map((f) => f.name)).toEqual(['atlas-cotri-export-brut-non-reimportable-2026-12-03.json']);
  });

  it('reports in French when not even the raw dump can be made', async () => {
    const result = await exportMyData(
      {
        live: async () => null,
        stored: async () => null,
        raw: async () => ({ ok: false, message: 'Stockage local indisponible.' }),
      },
      download,
      NOW,
    );
    expect(result).toEqual({ ok: false, message: 'Stockage local indisponible.' });
    expect(files).toEqual([]);
  });
});
