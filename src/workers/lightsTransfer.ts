import { type LightPoint, type LightsImport, lightFingerprint } from '../domain/lights/index.ts';

/**
 * A mapped inventory as it crosses the worker boundary. A million LightPoint objects posted as they are cost
 * the main thread one structured-clone deserialisation of several seconds (one frozen task). Instead the
 * points travel as UTF-8 JSON chunks in transferred buffers (moved, not copied) and are rebuilt on the main
 * thread one chunk per task, so that the page keeps painting and the user can still cancel.
 */
export interface SerializedLights extends Omit<LightsImport, 'points'> {
  pointCount: number;
  chunks: Uint8Array[];
  /** Per chunk, its points' import-plan fingerprints (lightFingerprint) separated by spaces. */
  prints: string[];
}

/** The mapped inventory with the fingerprint of each point, computed where the points were built. */
export type FingerprintedLights = LightsImport & { fingerprints: string[] };

/** Progress phase of the lights mapping (after the engine's reading), see HandlerContext.progress. */
export const LIGHTS_MAPPING_PHASE = 'module';

/** Points per chunk: one chunk parses in a few tens of milliseconds on a slow machine. */
export const POINTS_PER_CHUNK = 20_000;

export function serializeLights(mapped: LightsImport): {
  payload: SerializedLights;
  transferables: ArrayBuffer[];
} {
  const { points, ...rest } = mapped;
  const encoder = new TextEncoder();
  const chunks: Uint8Array[] = [];
  const prints: string[] = [];
  for (let start = 0; start < points.length; start += POINTS_PER_CHUNK) {
    const part = points.slice(start, start + POINTS_PER_CHUNK);
    chunks.push(encoder.encode(JSON.stringify(part)));
    // Base-36 hashes never contain a space.
    prints.push(part.map(lightFingerprint).join(' '));
  }
  return {
    payload: { ...rest, pointCount: points.length, chunks, prints },
    transferables: chunks.map((c) => c.buffer as ArrayBuffer),
  };
}

export interface DeserializeControls {
  /** Points rebuilt so far out of all. */
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
}

/** A macrotask boundary (not clamped like nested setTimeout): lets the browser paint and handle input. */
const nextTask = (): Promise<void> =>
  new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });

/** Rebuilds the inventory, one chunk per task. An aborted signal rejects with its reason. */
export async function deserializeLights(
  payload: SerializedLights,
  controls: DeserializeControls = {},
): Promise<FingerprintedLights> {
  const { chunks, pointCount, prints, ...rest } = payload;
  const decoder = new TextDecoder();
  const points: LightPoint[] = new Array(pointCount);
  const fingerprints: string[] = new Array(pointCount);
  let done = 0;
  for (const [c, chunk] of chunks.entries()) {
    controls.signal?.throwIfAborted();
    const part = JSON.parse(decoder.decode(chunk)) as LightPoint[];
    const partPrints = prints[c]?.split(' ') ?? [];
    if (partPrints.length !== part.length) throw new Error('Empreintes des points incomplètes.');
    for (let i = 0; i < part.length; i++) {
      points[done + i] = part[i]!;
      fingerprints[done + i] = partPrints[i]!;
    }
    done += part.length;
    controls.onProgress?.(done, pointCount);
    if (done < pointCount) await nextTask();
  }
  if (done !== pointCount) throw new Error(`Inventaire incomplet : ${done} points sur ${pointCount}.`);
  return { ...rest, points, fingerprints };
}
