import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { lightFingerprint, mapLights } from '../domain/lights/index.ts';
import type { CommuneCollection } from '../domain/territory/types.ts';
import { buildCommuneIndex } from '../geo/communeIndex.ts';
import { importFile } from '../io/import/importFile.ts';
import { exposeWorkerApi } from './expose.ts';
import { createImportApi } from './importApi.ts';
import { createImportClient, type ImportPhase } from './importClient.ts';
import { deserializeLights, POINTS_PER_CHUNK, serializeLights } from './lightsTransfer.ts';
import { isAbortError, type MessageEndpoint } from './protocol.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const communes = JSON.parse(
  readFileSync(resolve(ROOT, 'public/data/generated/communes.geojson'), 'utf8'),
) as CommuneCollection;
const FIXTURE = resolve(ROOT, 'test/fixtures/import/eclairage-lambert93-windows1252.csv');

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

/** `count` rows of the sample's shape (Lambert-93, status, power before/after, dates), a few of them bad. */
function inventory(count: number): Uint8Array {
  const lines = ['id;X;Y;techno;puissance;statut;puissance_apres;date_travaux'];
  for (let i = 0; i < count; i++) {
    const renovated = i % 3 === 0;
    lines.push(
      [
        `PL-${i}`,
        `${600000 + (i % 500) * 3},5`,
        `${7069000 + (i % 400) * 4},25`,
        i % 2 ? 'SHP' : 'Ballon fluorescent',
        i % 997 === 5 ? 'beaucoup' : String(70 + (i % 4) * 40),
        renovated ? 'Rénové' : 'À rénover',
        renovated ? '30' : '',
        renovated ? '12/03/2024' : '',
      ].join(';'),
    );
  }
  return new TextEncoder().encode(`${lines.join('\n')}\n`);
}

describe('lights import in the worker', () => {
  it('maps in the worker exactly as on the main thread, with progress through both phases', async () => {
    const client = connect();
    await client.setCommunes(communes);
    const count = POINTS_PER_CHUNK * 2 + 123; // several chunks, the last one partial
    const expected = mapLights(
      await importFile(inventory(count), {
        kind: 'lights',
        fileName: 'i.csv',
        communes: buildCommuneIndex(communes),
      }),
    );
    const phases: ImportPhase[] = [];
    const bytes = inventory(count);
    const { result, mapped } = await client.importLights(
      bytes,
      { kind: 'lights', fileName: 'i.csv' },
      {},
      { onProgress: (_done, _total, phase) => phases.push(phase) },
    );
    expect(bytes.byteLength).toBe(0); // transferred, not copied
    expect(result.rows).toBe(count);
    expect(result.features.lon).toBeInstanceOf(Float64Array);
    expect(mapped.errors.length).toBeGreaterThan(0);
    const { fingerprints, ...rest } = mapped;
    expect(rest).toEqual(expected);
    // The import-plan fingerprints come with the points, by the app's own rule.
    expect(fingerprints).toEqual(expected.points.map(lightFingerprint));
    expect(phases[0]).toBe('engine');
    expect(phases.at(-1)).toBe('module');
    expect(phases.indexOf('module')).toBeGreaterThan(phases.lastIndexOf('engine'));
  });

  it('uses the columns chosen in the dialog', async () => {
    const client = connect();
    await client.setCommunes(communes);
    const { mapped } = await client.importLights(
      new Uint8Array(readFileSync(FIXTURE)),
      { kind: 'lights', fileName: 'e.csv' },
      { status: null },
    );
    const expected = mapLights(
      await importFile(new Uint8Array(readFileSync(FIXTURE)), {
        kind: 'lights',
        fileName: 'e.csv',
        communes: buildCommuneIndex(communes),
      }),
      { status: null },
    );
    expect(mapped.points).toEqual(expected.points);
    expect(mapped.columns.status).toBeNull();
  });

  it('cancels while the worker maps the rows, and while the points are rebuilt', async () => {
    const client = connect();
    await client.setCommunes(communes);
    const controller = new AbortController();
    const call = client.importLights(
      inventory(60_000),
      { kind: 'lights', fileName: 'i.csv' },
      {},
      {
        signal: controller.signal,
        onProgress: (_done, _total, phase) => {
          if (phase === 'module') controller.abort();
        },
      },
    );
    await expect(call).rejects.toThrow('Import annulé.');

    const mapped = mapLights(
      await importFile(inventory(50_000), {
        kind: 'lights',
        fileName: 'i.csv',
        communes: buildCommuneIndex(communes),
      }),
    );
    const rebuilding = new AbortController();
    const rebuilt = deserializeLights(serializeLights(mapped).payload, {
      signal: rebuilding.signal,
      onProgress: () => rebuilding.abort(),
    });
    await rebuilt.then(
      () => expect.fail('rebuilt despite the cancel'),
      (error: unknown) => expect(isAbortError(error)).toBe(true),
    );
  });
});
