import { afterEach, describe, expect, expectTypeOf, it } from 'vitest';
import { createWorkerClient } from './client.ts';
import { exposeWorkerApi, type HandlerContext } from './expose.ts';
import { AbortError, isAbortError, type MessageEndpoint, RPC_TAG, transfer } from './protocol.ts';

/** Records what handlers observed, for assertions from the "main thread" side. */
const seen = {
  abortedInHandler: false,
  workerBuffer: null as Float64Array | null,
};

const api = {
  add(payload: { a: number; b: number }) {
    return payload.a + payload.b;
  },
  async slowEcho(payload: { value: string; ms: number }) {
    await new Promise((resolve) => setTimeout(resolve, payload.ms));
    return payload.value;
  },
  async count(payload: { total: number }, context: HandlerContext) {
    for (let done = 1; done <= payload.total; done++) {
      context.progress(done, payload.total);
      if (done % 10 === 0) await context.yield();
    }
    return payload.total;
  },
  async loopUntilCancelled(_payload: null, context: HandlerContext) {
    for (let i = 0; ; i++) {
      context.progress(i, 1_000_000);
      await context.yield().catch((error: unknown) => {
        seen.abortedInHandler = context.signal.aborted;
        throw error;
      });
    }
  },
  sumColumn(payload: { values: Float64Array }) {
    return payload.values.reduce((sum, v) => sum + v, 0);
  },
  makeColumn(payload: { n: number }) {
    const values = new Float64Array(payload.n).map((_, i) => i * 1.5);
    seen.workerBuffer = values;
    return transfer({ values }, [values.buffer]);
  },
  fail(payload: { kind: 'range' | 'string' | 'custom' }) {
    if (payload.kind === 'range') throw new RangeError('Valeur hors limites');
    if (payload.kind === 'custom') {
      const error = new Error('Fichier illisible');
      error.name = 'ImportError';
      throw error;
    }
    throw 'boom';
  },
  uncloneable() {
    return { callback: () => 1 };
  },
};
type Api = typeof api;

const ports: MessagePort[] = [];
const stops: (() => void)[] = [];

function connect(options: { progressIntervalMs?: number } = {}) {
  const channel = new MessageChannel();
  ports.push(channel.port1, channel.port2);
  stops.push(exposeWorkerApi(api, channel.port2 as unknown as MessageEndpoint, options));
  return createWorkerClient<Api>(channel.port1 as unknown as MessageEndpoint);
}

afterEach(() => {
  for (const stop of stops.splice(0)) stop();
  for (const port of ports.splice(0)) port.close();
  seen.abortedInHandler = false;
  seen.workerBuffer = null;
});

describe('worker RPC over a MessageChannel', () => {
  it('calls a method and resolves with its typed result', async () => {
    const client = connect();
    const result = await client.call('add', { a: 2, b: 40 });
    expect(result).toBe(42);
    expectTypeOf(result).toEqualTypeOf<number>();
    expect(client.pending).toBe(0);
  });

  it('checks method names and payload types at compile time', () => {
    const client = connect();
    // @ts-expect-error unknown method
    void client.call('nope', {}).catch(() => undefined);
    // @ts-expect-error wrong payload type
    void client.call('add', { a: '2', b: 40 }).catch(() => undefined);
    expectTypeOf(client.call('makeColumn', { n: 1 })).resolves.toEqualTypeOf<{
      values: Float64Array<ArrayBuffer>;
    }>();
  });

  it('accepts a DOM Worker or MessagePort as endpoint (compile-time)', () => {
    expectTypeOf<Worker>().toExtend<MessageEndpoint>();
    expectTypeOf<MessagePort>().toExtend<MessageEndpoint>();
  });

  it('keeps concurrent calls apart, whatever order they finish in', async () => {
    const client = connect();
    const [slow, fast] = await Promise.all([
      client.call('slowEcho', { value: 'lent', ms: 40 }),
      client.call('slowEcho', { value: 'rapide', ms: 1 }),
    ]);
    expect([slow, fast]).toEqual(['lent', 'rapide']);
  });

  it('reports progress, throttled, always ending with the final count', async () => {
    const client = connect({ progressIntervalMs: 1_000 });
    const reports: [number, number][] = [];
    const result = await client.call('count', { total: 200 }, { onProgress: (d, t) => reports.push([d, t]) });
    expect(result).toBe(200);
    expect(reports[0]).toEqual([1, 200]);
    expect(reports.at(-1)).toEqual([200, 200]);
    expect(reports.length).toBeLessThan(10);
  });

  it('forwards every progress report when not throttled', async () => {
    const client = connect({ progressIntervalMs: 0 });
    const reports: number[] = [];
    await client.call('count', { total: 30 }, { onProgress: (d) => reports.push(d) });
    expect(reports).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
  });

  it('cancels: the promise rejects with a French AbortError and the handler sees its signal aborted', async () => {
    const client = connect({ progressIntervalMs: 0 });
    const controller = new AbortController();
    const call = client.call('loopUntilCancelled', null, {
      signal: controller.signal,
      abortMessage: 'Import annulé.',
      onProgress: (done) => {
        if (done === 5) controller.abort();
      },
    });
    await expect(call).rejects.toThrow('Import annulé.');
    await call.catch((error: unknown) => {
      expect(error).toBeInstanceOf(AbortError);
      expect(isAbortError(error)).toBe(true);
    });
    expect(client.pending).toBe(0);
    await expect.poll(() => seen.abortedInHandler).toBe(true);
  });

  it('rejects at once, without calling the worker, when the signal is already aborted', async () => {
    const client = connect();
    const controller = new AbortController();
    controller.abort();
    await expect(client.call('add', { a: 1, b: 1 }, { signal: controller.signal })).rejects.toMatchObject({
      name: 'AbortError',
      message: 'Opération annulée.',
    });
  });

  it('moves a payload buffer to the worker instead of copying it', async () => {
    const client = connect();
    const values = Float64Array.of(1.5, 2.5, 3);
    const result = await client.call('sumColumn', { values }, { transfer: [values.buffer] });
    expect(result).toBe(7);
    expect(values.buffer.byteLength).toBe(0);
  });

  it('moves a result buffer back from the worker', async () => {
    const client = connect();
    const { values } = await client.call('makeColumn', { n: 1000 });
    expect(values).toBeInstanceOf(Float64Array);
    expect(values.length).toBe(1000);
    expect(values[999]).toBe(1498.5);
    expect(seen.workerBuffer?.buffer.byteLength).toBe(0);
  });

  it.each([
    ['range', 'RangeError', 'Valeur hors limites'],
    ['custom', 'ImportError', 'Fichier illisible'],
    ['string', 'Error', 'boom'],
  ] as const)('serialises a %s error with its name and message', async (kind, name, message) => {
    const client = connect();
    await expect(client.call('fail', { kind })).rejects.toMatchObject({ name, message });
  });

  it('rejects an unknown method with a French message', async () => {
    const client = connect();
    await expect(client.call('nope' as 'add', { a: 1, b: 2 })).rejects.toThrow(
      /Traitement inconnu : « nope »/,
    );
  });

  it('reports a result that cannot cross threads instead of hanging', async () => {
    const client = connect();
    await expect(client.call('uncloneable', undefined as never)).rejects.toMatchObject({
      name: 'DataCloneError',
    });
  });

  it('rejects a payload that cannot cross threads', async () => {
    const client = connect();
    await expect(client.call('add', { a: 1, b: () => 2 } as never)).rejects.toThrow();
    expect(client.pending).toBe(0);
  });

  it('ignores unrelated messages on the same port', async () => {
    const channel = new MessageChannel();
    ports.push(channel.port1, channel.port2);
    stops.push(exposeWorkerApi(api, channel.port2 as unknown as MessageEndpoint));
    const client = createWorkerClient<Api>(channel.port1 as unknown as MessageEndpoint);
    channel.port1.postMessage({ hello: 'world' });
    channel.port1.postMessage({ rpc: 'other-protocol', kind: 'call', id: 1, method: 'add', payload: {} });
    channel.port2.postMessage({ rpc: RPC_TAG, kind: 'result', id: 999, value: 'orphan' });
    expect(await client.call('add', { a: 1, b: 2 })).toBe(3);
  });

  it('dispose rejects pending calls and refuses new ones', async () => {
    const client = connect();
    const call = client.call('slowEcho', { value: 'x', ms: 50 });
    client.dispose();
    await expect(call).rejects.toMatchObject({ name: 'AbortError' });
    await expect(client.call('add', { a: 1, b: 2 })).rejects.toThrow(/arrêté/);
  });
});
