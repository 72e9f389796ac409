import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { summarizeImport } from '../../src/cli/commands/import.ts';
import { generatedPath, loadTerritory } from '../../src/cli/territoryData.ts';
import { deserializeFeatures } from '../../src/io/import/transfer.ts';
import type { LayerKind } from '../../src/io/types.ts';
import type { HandlerContext } from '../../src/workers/expose.ts';
import { createImportApi, type SerializedImportResult } from '../../src/workers/importApi.ts';
import { isTransfer } from '../../src/workers/protocol.ts';

/**
 * `atlas import` answers the same as the app: the real command line (a child process) and the import
 * worker's own entry (`createImportApi().importFile`, what the app's worker runs, result serialised for the
 * thread boundary and read back) give the same report for the same files.
 */
const ROOT = resolve(import.meta.dirname, '../..');
const exec = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'atlas-cli-app-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const namesFile = join(dir, 'conseils-noms.csv');
writeFileSync(
  namesFile,
  'date;commune;cp\n2025-03-01;BOULOGNE SUR MER;62200\n2025-03-02;St Léonard;62360\n2025-03-03;Outreau;62200\n' +
    '2025-03-04;Boulogne;\n2025-03-05;;62179\n2025-03-06;;62100\n',
);

const FILES: { file: string; kind: LayerKind }[] = [
  { file: generatedPath('sample-lights.csv'), kind: 'lights' },
  { file: resolve(ROOT, '../shared/reference/cartofriches-extrait-pays-boulonnais.csv'), kind: 'friches' },
  { file: resolve(ROOT, '../shared/reference/eclairage-montpellier-antigone-l93.gpkg'), kind: 'lights' },
  { file: namesFile, kind: 'advice' },
];

async function viaCli(file: string, kind: LayerKind): Promise<unknown> {
  const { stdout } = await exec(
    process.execPath,
    ['--import', 'tsx', 'src/cli/index.ts', 'import', file, '--kind', kind, '--json'],
    { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 },
  );
  return JSON.parse(stdout);
}

async function viaApp(file: string, kind: LayerKind): Promise<unknown> {
  const api = createImportApi();
  api.setCommunes(loadTerritory().communes);
  const controller = new AbortController();
  const context = {
    progress: () => {},
    signal: controller.signal,
    throwIfAborted: () => controller.signal.throwIfAborted(),
  } as unknown as HandlerContext;
  const bytes = new Uint8Array(readFileSync(file));
  const answer = await api.importFile({ bytes, options: { kind, fileName: file } }, context);
  const serialized = (isTransfer(answer) ? answer.value : answer) as SerializedImportResult;
  const result = { ...serialized, features: deserializeFeatures(serialized.features) };
  return summarizeImport(result).summary;
}

describe('atlas import = the app’s import worker', () => {
  it.each(FILES)(
    'same report for $file ($kind)',
    async ({ file, kind }) => {
      const [cli, app] = await Promise.all([viaCli(file, kind), viaApp(file, kind)]);
      expect((cli as { rows: number }).rows).toBeGreaterThan(0);
      expect(cli).toEqual(app);
    },
    120_000,
  );
});
