import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  expectedMigratedV1,
  HOSTILE_NAME,
  sampleWorkspace,
  sampleWorkspaceV1,
} from '../../../test/fixtures/project/workspaces.ts';
import { canonicalJson } from './canonical.ts';
import { encodeStorable } from './codec.ts';
import { exportProject, ProjectExportError, projectFileName } from './format.ts';
import { formatProjectError, importProject } from './import.ts';
import { createEmptyWorkspace, type Workspace } from './workspace.ts';

const CREATED = '2025-03-02T09:15:00.000Z';
const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
const nodeSha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

/** Builds a file by hand (independently of exportProject) so tests can forge headers and old versions. */
function forgeFile(payload: unknown, header: Record<string, unknown> = {}): string {
  const canonical = canonicalJson(encodeStorable(payload));
  return JSON.stringify({
    format: 'atlas-cotri-project',
    version: 2,
    createdAt: CREATED,
    app: { name: 'atlas-cotri', version: '0.0.1' },
    sha256: nodeSha256(canonical),
    payload: JSON.parse(canonical),
    ...header,
  });
}

const reasons = async (input: string | Uint8Array, maxBytes?: number) =>
  (await importProject(input, maxBytes ? { maxBytes } : {})).errors.map(formatProjectError);

describe('project file export', () => {
  it('writes the documented header and a canonical payload hashed with SHA-256', async () => {
    const bytes = await exportProject(createEmptyWorkspace(new Date('2025-01-01T00:00:00Z')), {
      createdAt: CREATED,
      app: { name: 'atlas-cotri', version: '1.2.3' },
    });
    const payload =
      '{"edits":{},"layers":{},"revision":0,"savedAt":"2025-01-01T00:00:00.000Z","schemaVersion":2,' +
      '"sections":{},"settings":{},"shortlist":{"notes":{},"siteIds":[]}}';
    expect(text(bytes)).toBe(
      `{"format":"atlas-cotri-project","version":2,"createdAt":"${CREATED}",` +
        `"app":{"name":"atlas-cotri","version":"1.2.3"},"sha256":"${nodeSha256(payload)}","payload":${payload}}\n`,
    );
  });

  it('does not depend on key insertion order', async () => {
    const a = sampleWorkspace();
    const b: Workspace = {
      sections: a.sections,
      shortlist: { notes: a.shortlist.notes, siteIds: a.shortlist.siteIds },
      settings: Object.fromEntries(Object.entries(a.settings).reverse()),
      edits: a.edits,
      layers: Object.fromEntries(Object.entries(a.layers).reverse()),
      revision: a.revision,
      savedAt: a.savedAt,
      schemaVersion: a.schemaVersion,
    };
    expect(text(await exportProject(b, { createdAt: CREATED }))).toBe(
      text(await exportProject(a, { createdAt: CREATED })),
    );
  });

  it('refuses values a file cannot carry, naming where they are', async () => {
    const cases: [unknown, string][] = [
      [() => 1, 'layers.bad'],
      [new Map([[1, 2]]), 'layers.bad'],
      [new Date(0), 'layers.bad'],
      [[1, undefined], 'layers.bad.1'],
      [{ big: 10n }, 'layers.bad.big'],
    ];
    for (const [bad, path] of cases) {
      const ws = sampleWorkspace();
      ws.layers.bad = bad;
      const error = await exportProject(ws).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ProjectExportError);
      expect((error as ProjectExportError).path).toBe(path);
      expect((error as Error).message).toMatch(/^Impossible d'exporter le projet : /);
    }
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    const ws = sampleWorkspace();
    ws.sections.cyclic = cyclic;
    await expect(exportProject(ws)).rejects.toThrow(/référence circulaire/);
  });

  it('suggests a dated file name', () => {
    expect(projectFileName(new Date('2025-03-01T12:00:00Z'))).toBe('atlas-cotri-2025-03-01.atlas-cotri.json');
  });
});

describe('project file round trip', () => {
  it('export → import gives back the identical workspace', async () => {
    const original = sampleWorkspace();
    const result = await importProject(await exportProject(original, { createdAt: CREATED }));
    expect(result.errors).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.version).toBe(2);
    expect(result.migratedFrom).toBeNull();
    expect(result.createdAt).toBe(CREATED);
    expect(result.workspace).toStrictEqual(original);
    const lights = result.workspace!.layers.lights as { lon: Float64Array; lat: Float64Array };
    expect(lights.lon).toBeInstanceOf(Float64Array);
    expect(Object.is(lights.lon[2], Number.NaN)).toBe(true);
    expect(Object.is(lights.lat[2], -0)).toBe(true);
    expect((result.workspace!.sections.misc as { negZero: number }).negZero).toBe(-0);
    const props = (
      result.workspace!.layers.friches as { features: { properties: Record<string, unknown> }[] }
    ).features[0]!.properties;
    expect(Object.getPrototypeOf(props)).toBe(Object.prototype);
    expect(Object.hasOwn(props, '__proto__')).toBe(true);
    expect(props.$ref).toBe('ext-1');
    expect((lights as unknown as { attributes: { nom: string[] } }).attributes.nom[0]).toBe(HOSTILE_NAME);
  });

  it('export → import → export is byte-identical and the hash checks out', async () => {
    const first = await exportProject(sampleWorkspace(), { createdAt: CREATED });
    const imported = await importProject(first);
    const second = await exportProject(imported.workspace!, { createdAt: CREATED });
    expect(second).toEqual(first);
    const parsed = JSON.parse(text(first)) as { sha256: string; payload: unknown };
    expect(parsed.sha256).toBe(nodeSha256(canonicalJson(parsed.payload)));
  });

  it('keeps user data that looks like a marker as plain data', async () => {
    const ws = sampleWorkspace();
    ws.sections.tricky = { $typed: 'Float64Array', base64: 'AAAAAAAA8D8=', $number: 'NaN', $$x: 1, $: 2 };
    const result = await importProject(await exportProject(ws, { createdAt: CREATED }));
    expect(result.workspace!.sections.tricky).toStrictEqual(ws.sections.tricky);
  });

  it('accepts text input with a byte-order mark and pretty-printed JSON', async () => {
    const file = JSON.parse(text(await exportProject(sampleWorkspace(), { createdAt: CREATED })));
    const result = await importProject(`\uFEFF${JSON.stringify(file, null, 2)}`);
    expect(result.errors).toEqual([]);
    expect(result.workspace).toStrictEqual(sampleWorkspace());
  });
});

describe('project file validation', () => {
  it('detects a modified payload through the hash', async () => {
    const file = text(await exportProject(sampleWorkspace(), { createdAt: CREATED }));
    const tampered = file.replace('Friche Paris-Outreau', 'Friche Paris-Outreaux');
    expect(await reasons(tampered)).toEqual([
      "sha256 : le contenu ne correspond pas à l'empreinte SHA-256 : fichier modifié ou corrompu",
    ]);
  });

  it('explains files that are not projects', async () => {
    expect(await reasons('')).toEqual(['Le fichier est vide.']);
    expect(await reasons('nom;x;y\nA;1;2\n')).toEqual([
      "Le fichier n'est pas un JSON valide : ce n'est pas un projet Atlas COTRI, ou il est tronqué.",
    ]);
    expect(await reasons(new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]))).toEqual([
      "Le fichier n'est pas un texte UTF-8 : ce n'est pas un projet Atlas COTRI.",
    ]);
    expect(await reasons('{"type":"FeatureCollection","features":[]}')).toEqual([
      "format : ce fichier n'est pas un projet Atlas COTRI (format « atlas-cotri-project » attendu)",
    ]);
    const file = text(await exportProject(sampleWorkspace(), { createdAt: CREATED }));
    expect(await reasons(file.slice(0, file.length / 2))).toHaveLength(1);
    expect(await reasons(file, 100)).toEqual([
      expect.stringMatching(/^Le fichier fait .* la taille maximale acceptée est de 100\u00a0octets/),
    ]);
  });

  it('reports every header problem at once', async () => {
    const file = forgeFile(sampleWorkspace(), {
      version: 'deux',
      createdAt: 'hier',
      app: 'x',
      sha256: 'abc',
      extra: 1,
    });
    expect(await reasons(file)).toEqual([
      'extra : champ inconnu',
      'version : numéro de version manquant ou invalide',
      'createdAt : date ISO attendue',
      'app : objet { name, version } attendu',
      'sha256 : empreinte SHA-256 manquante ou mal formée (64 caractères hexadécimaux)',
    ]);
  });

  it('refuses files from a newer version with an actionable message', async () => {
    const result = await importProject(forgeFile({ ...sampleWorkspace(), schemaVersion: 3 }, { version: 3 }));
    expect(result.ok).toBe(false);
    expect(result.version).toBe(3);
    expect(result.errors.map(formatProjectError)).toEqual([
      "version : créé par une version plus récente d'Atlas COTRI (format 3, cette application lit jusqu'au format 2) : mettez l'application à jour",
    ]);
  });

  it('locates structural errors inside the payload', async () => {
    const bad = { ...sampleWorkspace(), revision: -1, layers: [], shortlist: { siteIds: [1], notes: {} } };
    expect(await reasons(forgeFile(bad))).toEqual([
      'payload.revision : entier positif ou nul attendu',
      'payload.layers : objet attendu',
      'payload.shortlist.siteIds[0] : identifiant texte attendu',
    ]);
    // A marker whose byte count is not a multiple of 8 cannot be produced by the exporter: write it raw.
    const encoded = encodeStorable(sampleWorkspace()) as Record<string, unknown>;
    const marker = { ...encoded, sections: { x: { $typed: 'Float64Array', base64: 'AAA=' } } };
    const file = forgeFile({}).replace(/"sha256":"[0-9a-f]+","payload":\{\}/, () => {
      const canonical = canonicalJson(marker);
      return `"sha256":"${nodeSha256(canonical)}","payload":${canonical}`;
    });
    expect(await reasons(file)).toEqual(['payload.sections.x : données binaires : longueur incohérente']);
    expect(await reasons(forgeFile({ ...sampleWorkspace(), schemaVersion: 1 }))).toEqual([
      "payload.schemaVersion : ne correspond pas à la version de l'en-tête (2)",
    ]);
  });
});

describe('hostile shapes', () => {
  const withRawPayload = (canonical: string) =>
    `{"format":"atlas-cotri-project","version":2,"createdAt":"${CREATED}","app":{"name":"a","version":"1"},"sha256":"${nodeSha256(canonical)}","payload":${canonical}}`;

  it('refuses extreme nesting with a message instead of overflowing the stack', async () => {
    for (const depth of [300, 10_000, 200_000]) {
      const deep = `{"layers":${'['.repeat(depth)}${']'.repeat(depth)}}`;
      const errors = await reasons(withRawPayload(deep));
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatch(/imbrication trop profonde|pas un JSON valide/);
    }
  });

  it('refuses numbers JSON cannot represent', async () => {
    expect(await reasons(withRawPayload('{"layers":{"x":1e999}}'))).toEqual([
      'payload : nombre hors limites',
    ]);
  });

  it('never lets a "__proto__" key reach an object prototype', async () => {
    const ws = sampleWorkspace();
    const file = text(await exportProject(ws, { createdAt: CREATED }));
    const canonical = JSON.stringify(JSON.parse(file).payload).replace(
      '"settings":{',
      '"settings":{"__proto__":{"polluted":true},',
    );
    const result = await importProject(withRawPayload(canonicalJson(JSON.parse(canonical))));
    expect(result.ok).toBe(true);
    expect(Object.hasOwn(result.workspace!.settings, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((result.workspace!.settings as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('project file migration', () => {
  it('imports a version-1 file into the current shape', async () => {
    const result = await importProject(forgeFile(sampleWorkspaceV1(), { version: 1 }));
    expect(result.errors).toEqual([]);
    expect(result.version).toBe(1);
    expect(result.migratedFrom).toBe(1);
    expect(result.workspace).toStrictEqual(expectedMigratedV1());
  });

  it('reports a malformed version-1 document with its path', async () => {
    const v1 = { ...sampleWorkspaceV1(), shortlist: 'F-12', layers: { streetLighting: {}, lights: {} } };
    expect(await reasons(forgeFile(v1, { version: 1 }))).toEqual([
      'payload.shortlist : liste attendue (conversion depuis la version 1)',
      'payload.layers.lights : couche en double avec layers.streetLighting (conversion depuis la version 1)',
    ]);
  });
});
