import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makePoint } from '../../../test/fixtures/lights/makePoint.ts';
import { sampleWorkspace } from '../../../test/fixtures/project/workspaces.ts';
import { makeSession } from '../../domain/advice/testSessions.ts';
import { exportProject } from '../../io/project/format.ts';
import { CliError } from '../errors.ts';
import { run } from './project.ts';

const dir = mkdtempSync(join(tmpdir(), 'atlas-project-'));
async function writeProject(name: string, edit: (text: string) => string = (t) => t): Promise<string> {
  const text = new TextDecoder().decode(
    await exportProject(sampleWorkspace(), { createdAt: '2025-03-02T09:15:00.000Z' }),
  );
  const path = join(dir, name);
  writeFileSync(path, edit(text));
  return path;
}

describe('atlas project verify', () => {
  it('prints exactly ok, version, layer counts and errors for a valid file', async () => {
    const output = await run(['verify', await writeProject('ok.atlas-cotri.json')]);
    expect(Object.keys(output)).toEqual(['ok', 'version', 'layers', 'errors']);
    expect(output).toEqual({ ok: true, version: 2, layers: { friches: 1, lights: 3 }, errors: [] });
  });

  it("counts the data of the modules' sections written by the app", async () => {
    const workspace = sampleWorkspace();
    workspace.layers = {};
    workspace.sections = {
      lights: { version: 1, data: { points: [makePoint('a'), makePoint('b')], source: null } },
      advice: {
        version: 1,
        data: { sessions: [makeSession('s1', '2025-06-01', 'worksDone')], settings: { maturityMonths: 6 } },
      },
      lightsView: { version: 1, data: { filter: { statuses: [] } } },
    };
    const path = join(dir, 'app.atlas-cotri.json');
    writeFileSync(path, await exportProject(workspace, { createdAt: '2025-03-02T09:15:00.000Z' }));
    const output = await run(['verify', path]);
    // lightsView holds only a filter object (no list): it is a choice, not data to count.
    expect(output).toEqual({ ok: true, version: 2, layers: { advice: 1, lights: 2 }, errors: [] });
  });

  // Finding 1: a null record with a recomputed hash passed verify, then blanked the app on import.
  it('runs the section schemas: a null light point with a recomputed hash is refused with its path', async () => {
    const workspace = sampleWorkspace();
    workspace.sections = { lights: { version: 1, data: { points: [makePoint('a'), null], source: null } } };
    const path = join(dir, 'null-point.atlas-cotri.json');
    writeFileSync(path, await exportProject(workspace, { createdAt: '2025-03-02T09:15:00.000Z' }));
    expect(await run(['verify', path])).toEqual({
      ok: false,
      version: 2,
      layers: {},
      errors: [{ path: 'payload.sections.lights.data.points[1]', reason: 'point nul' }],
    });
  });

  // Finding 5: a layer and a section of the same key overwrote each other's count.
  it('keeps both counts when a layer and a section share a key', async () => {
    const workspace = sampleWorkspace();
    workspace.sections = { lights: { version: 1, data: { points: [makePoint('a')], source: null } } };
    const path = join(dir, 'both.atlas-cotri.json');
    writeFileSync(path, await exportProject(workspace, { createdAt: '2025-03-02T09:15:00.000Z' }));
    expect((await run(['verify', path])).layers).toEqual({
      friches: 1,
      'layers.lights': 3,
      'sections.lights': 1,
    });
  });

  it('reports a tampered file with a located French reason', async () => {
    const path = await writeProject('ko.atlas-cotri.json', (t) => t.replace('"factor":4', '"factor":2'));
    expect(await run(['verify', path])).toEqual({
      ok: false,
      version: 2,
      layers: {},
      errors: [
        {
          path: 'sha256',
          reason: "le contenu ne correspond pas à l'empreinte SHA-256 : fichier modifié ou corrompu",
        },
      ],
    });
  });

  it('refuses bad usage and missing files with a CliError', async () => {
    await expect(run(['verify'])).rejects.toBeInstanceOf(CliError);
    await expect(run(['check', 'x'])).rejects.toThrow(/Action inconnue/);
    await expect(run(['verify', join(dir, 'absent.json')])).rejects.toThrow(/Fichier introuvable/);
  });

  it('writes one JSON document on stdout and nothing else', async () => {
    const path = await writeProject('cli.atlas-cotri.json');
    const stdout = execFileSync('npx', ['tsx', 'src/cli/index.ts', 'project', 'verify', path, '--json'], {
      encoding: 'utf8',
    });
    expect(stdout).toBe('{"ok":true,"version":2,"layers":{"friches":1,"lights":3},"errors":[]}\n');
  });
});
