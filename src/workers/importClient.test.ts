import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CommuneCollection } from '../domain/territory/types.ts';
import { columnOf } from '../io/import/records.ts';
import { exposeWorkerApi } from './expose.ts';
import { createImportApi } from './importApi.ts';
import { createImportClient } from './importClient.ts';
import { isAbortError, type MessageEndpoint } from './protocol.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const communes = JSON.parse(
  readFileSync(resolve(ROOT, 'public/data/generated/communes.geojson'), 'utf8'),
) as CommuneCollection;

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

function connect() {
  const channel = new MessageChannel();
  const stop = exposeWorkerApi(createImportApi(), channel.port2 as unknown as MessageEndpoint, {
    progressIntervalMs: 0,
  });
  const client = createImportClient(channel.port1 as unknown as MessageEndpoint);
  cleanups.push(() => {
    client.dispose();
    stop();
    channel.port1.close();
    channel.port2.close();
  });
  return client;
}

describe('import worker client', () => {
  it('sends communes once, imports with progress and rebuilds the features from transferred columns', async () => {
    const client = connect();
    expect(await client.setCommunes(communes)).toBe(74);
    const bytes = new Uint8Array(
      readFileSync(resolve(ROOT, 'test/fixtures/import/eclairage-lambert93-windows1252.csv')),
    );
    const progress: number[] = [];
    const result = await client.importFile(
      bytes,
      { kind: 'lights', fileName: 'e.csv' },
      { onProgress: (n) => progress.push(n) },
    );
    expect(bytes.byteLength).toBe(0); // transferred, not copied
    expect(result).toMatchObject({ ok: true, crs: 'EPSG:2154', rows: 9, outsideTerritory: 1 });
    expect(result.features.insee).toEqual(['62160', '62746', '62268', '62773', null]);
    expect(columnOf(result.features, 'commune')[1]).toBe('Saint-Étienne-au-Mont');
    expect(result.features.lon).toBeInstanceOf(Float64Array);
    expect(progress.at(-1)).toBe(9);
  });

  it('inspects a file without giving its bytes away', async () => {
    const client = connect();
    const bytes = new Uint8Array(readFileSync(resolve(ROOT, 'test/fixtures/import/conseils-cc50.tsv')));
    const inspected = await client.inspect(bytes, { fileName: 'c.tsv', kind: 'advice' });
    expect(inspected).toMatchObject({ ok: true, delimiter: '\t', crs: 'EPSG:3950', rows: 4 });
    expect(bytes.byteLength).toBeGreaterThan(0);
  });

  it('cancels an import', async () => {
    const client = connect();
    await client.setCommunes(communes);
    const lines = Array.from({ length: 200_000 }, (_, i) => `${i};1,60533;50,72824`).join('\n');
    const bytes = new TextEncoder().encode(`id;lon;lat\n${lines}\n`);
    const controller = new AbortController();
    const call = client.importFile(
      bytes,
      { kind: 'lights', fileName: 'a.csv' },
      {
        signal: controller.signal,
        onProgress: () => controller.abort(),
      },
    );
    await expect(call).rejects.toThrow('Import annulé.');
    await call.catch((error: unknown) => expect(isAbortError(error)).toBe(true));
  });
});
