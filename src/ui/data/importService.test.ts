import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CommuneCollection } from '../../domain/territory/types.ts';
import { columnOf } from '../../io/import/records.ts';
import { exposeWorkerApi, type HandlerContext, type WorkerApi } from '../../workers/expose.ts';
import { createImportApi } from '../../workers/importApi.ts';
import { createImportClient, type ImportClient } from '../../workers/importClient.ts';
import { isAbortError, type MessageEndpoint } from '../../workers/protocol.ts';
import { runImport, runInspect, setImportClientFactory } from './importService.ts';

const ROOT = resolve(import.meta.dirname, '../../..');
const communes = JSON.parse(
  readFileSync(resolve(ROOT, 'public/data/generated/communes.geojson'), 'utf8'),
) as CommuneCollection;
const fixture = () =>
  new Uint8Array(readFileSync(resolve(ROOT, 'test/fixtures/import/eclairage-lambert93-windows1252.csv')));

const cleanups: (() => void)[] = [];
afterEach(() => {
  setImportClientFactory(null);
  for (const cleanup of cleanups.splice(0)) cleanup();
});

/** A worker served on a MessageChannel, counting the calls that reach it. */
function channelWorker(): { calls: string[] } {
  const calls: string[] = [];
  const api = createImportApi();
  const counted: WorkerApi = Object.fromEntries(
    Object.entries(api).map(([name, handler]) => [
      name,
      (payload: never, context: HandlerContext) => {
        calls.push(name);
        return (handler as (p: never, c: HandlerContext) => unknown)(payload, context);
      },
    ]),
  );
  setImportClientFactory((): ImportClient => {
    const channel = new MessageChannel();
    const stop = exposeWorkerApi(counted, channel.port2 as unknown as MessageEndpoint, {
      progressIntervalMs: 0,
    });
    cleanups.push(() => {
      stop();
      channel.port1.close();
      channel.port2.close();
    });
    return createImportClient(channel.port1 as unknown as MessageEndpoint);
  });
  return { calls };
}

describe('runImport', () => {
  it('imports on the main thread where there is no Worker (Node, jsdom)', async () => {
    expect(typeof Worker).toBe('undefined');
    const result = await runImport(fixture(), communes, { kind: 'lights', fileName: 'e.csv' });
    expect(result).toMatchObject({ ok: true, crs: 'EPSG:2154', encoding: 'windows-1252', rows: 9 });
    expect(result.features.insee).toEqual(['62160', '62746', '62268', '62773', null]);
  });

  it('runs in the worker: communes sent once, progress forwarded, bytes moved, same result', async () => {
    const { calls } = channelWorker();
    const expected = await (async () => {
      const { importFile } = await import('../../io/import/importFile.ts');
      const { buildCommuneIndex } = await import('../../geo/communeIndex.ts');
      return importFile(fixture(), {
        kind: 'lights',
        fileName: 'e.csv',
        communes: buildCommuneIndex(communes),
      });
    })();
    const progress: number[] = [];
    const bytes = fixture();
    const first = await runImport(
      bytes,
      communes,
      { kind: 'lights', fileName: 'e.csv' },
      { onProgress: (n) => progress.push(n) },
    );
    expect(bytes.byteLength).toBe(0);
    expect(progress.at(-1)).toBe(9);
    await runImport(fixture(), communes, { kind: 'lights', fileName: 'e.csv', crs: 'EPSG:2154' });
    expect(calls).toEqual(['setCommunes', 'importFile', 'importFile']);

    expect(first.errors).toEqual(expected.errors);
    expect(first.features.insee).toEqual(expected.features.insee);
    expect(Array.from(first.features.lon)).toEqual(Array.from(expected.features.lon));
    expect(columnOf(first.features, 'commune')).toEqual(columnOf(expected.features, 'commune'));
  });

  it('sends a different commune collection again', async () => {
    const { calls } = channelWorker();
    await runImport(fixture(), communes, { kind: 'lights', fileName: 'e.csv' });
    const fewer: CommuneCollection = { ...communes, features: communes.features.slice(0, 1) };
    const result = await runImport(fixture(), fewer, { kind: 'lights', fileName: 'e.csv' });
    expect(calls).toEqual(['setCommunes', 'importFile', 'setCommunes', 'importFile']);
    expect(result.outsideTerritory).toBeGreaterThan(1);
  });

  it('rejects with an AbortError when cancelled', async () => {
    channelWorker();
    const lines = Array.from({ length: 200_000 }, (_, i) => `${i};1,60533;50,72824`).join('\n');
    const controller = new AbortController();
    const call = runImport(
      new TextEncoder().encode(`id;lon;lat\n${lines}\n`),
      communes,
      { kind: 'lights', fileName: 'a.csv' },
      { signal: controller.signal, onProgress: () => controller.abort() },
    );
    const error = await call.catch((e: unknown) => e);
    expect(isAbortError(error)).toBe(true);
    expect((error as Error).message).toBe('Import annulé.');
  });

  it('inspects in the worker', async () => {
    const { calls } = channelWorker();
    const inspected = await runInspect(fixture(), { fileName: 'e.csv', kind: 'lights' });
    expect(inspected).toMatchObject({ ok: true, delimiter: ';', encoding: 'windows-1252', crs: 'EPSG:2154' });
    expect(inspected.mapping).toMatchObject({ id: 'id_point', x: 'X', y: 'Y' });
    expect(calls).toEqual(['inspect']);
  });
});
