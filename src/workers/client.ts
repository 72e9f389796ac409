import type { WorkerApi } from './expose.ts';
import {
  AbortError,
  type ClientMessage,
  DEFAULT_ABORT_MESSAGE,
  deserializeError,
  isRpcMessage,
  type MessageEndpoint,
  RPC_TAG,
  type Transfer,
  type WorkerMessage,
} from './protocol.ts';

export type PayloadOf<H> = H extends (payload: infer P, ...rest: never[]) => unknown ? P : never;
export type ResultOf<H> = H extends (...args: never[]) => infer R
  ? Awaited<R> extends Transfer<infer T>
    ? T
    : Awaited<R>
  : never;

export interface CallOptions {
  /** `phase` is set from the worker's second stage on (see HandlerContext.progress). */
  onProgress?: (done: number, total: number, phase?: string) => void;
  /** Aborting rejects the call at once with an AbortError and asks the worker to stop. */
  signal?: AbortSignal;
  /** Buffers to move to the worker instead of copying; they become unusable here. */
  transfer?: Transferable[];
  /** French message of the AbortError, e.g. « Import annulé. » */
  abortMessage?: string;
}

export interface WorkerClient<Api extends WorkerApi> {
  call<M extends keyof Api & string>(
    method: M,
    payload: PayloadOf<Api[M]>,
    options?: CallOptions,
  ): Promise<ResultOf<Api[M]>>;
  /** Number of calls awaiting an answer. */
  readonly pending: number;
  /** Stops listening and rejects pending calls; terminates the worker when the endpoint is a Worker. */
  dispose(): void;
}

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
  onProgress: ((done: number, total: number, phase?: string) => void) | undefined;
  cleanup(): void;
}

/** The part of `Worker` beyond MessageEndpoint that the client uses when available. */
interface WorkerExtras {
  terminate?: () => void;
  addEventListener(type: 'error' | 'messageerror', listener: (event: Event) => void): void;
  removeEventListener(type: 'error' | 'messageerror', listener: (event: Event) => void): void;
}

/**
 * Typed calls into a worker that runs `exposeWorkerApi(api)`. `Api` is the worker's api object type,
 * imported with `import type` so that no worker code ends up in the main bundle:
 *
 *   const client = createWorkerClient<typeof importApi>(new Worker(new URL('./import.worker.ts', import.meta.url), { type: 'module' }));
 *   const result = await client.call('importFile', { bytes }, { transfer: [bytes], signal, onProgress });
 */
export function createWorkerClient<Api extends WorkerApi>(worker: MessageEndpoint): WorkerClient<Api> {
  const pending = new Map<number, Pending>();
  let nextId = 1;
  let disposed = false;

  const send = (message: ClientMessage, transferables: Transferable[] = []) =>
    worker.postMessage(message, transferables);

  const settle = (id: number): Pending | undefined => {
    const entry = pending.get(id);
    if (entry) {
      pending.delete(id);
      entry.cleanup();
    }
    return entry;
  };

  const onMessage = (event: MessageEvent) => {
    const data: unknown = event.data;
    if (!isRpcMessage(data)) return;
    const message = data as WorkerMessage;
    if (message.kind === 'progress') {
      pending.get(message.id)?.onProgress?.(message.done, message.total, message.phase);
    } else if (message.kind === 'result') {
      settle(message.id)?.resolve(message.value);
    } else if (message.kind === 'error') {
      settle(message.id)?.reject(deserializeError(message.error));
    }
  };

  const failAll = (error: Error) => {
    for (const id of [...pending.keys()]) settle(id)?.reject(error);
  };
  // A crashed worker (syntax error, out of memory) would otherwise leave every call hanging forever.
  const onWorkerError = (event: Event) => {
    const detail = (event as ErrorEvent).message;
    failAll(new Error(`Le traitement en arrière-plan a échoué${detail ? ` : ${detail}` : '.'}`));
  };
  const extras = worker as unknown as Partial<WorkerExtras>;

  worker.addEventListener('message', onMessage);
  extras.addEventListener?.('error', onWorkerError);
  extras.addEventListener?.('messageerror', onWorkerError);
  worker.start?.();

  return {
    call(method, payload, options = {}) {
      const { signal, onProgress, transfer = [], abortMessage = DEFAULT_ABORT_MESSAGE } = options;
      if (disposed) return Promise.reject(new Error('Le traitement en arrière-plan a été arrêté.'));
      if (signal?.aborted) return Promise.reject(new AbortError(abortMessage));
      const id = nextId++;
      return new Promise((resolve, reject) => {
        const onAbort = () => {
          if (!pending.has(id)) return;
          settle(id);
          send({ rpc: RPC_TAG, kind: 'abort', id });
          reject(new AbortError(abortMessage));
        };
        pending.set(id, {
          resolve: resolve as (value: unknown) => void,
          reject,
          onProgress,
          cleanup: () => signal?.removeEventListener('abort', onAbort),
        });
        signal?.addEventListener('abort', onAbort, { once: true });
        try {
          send({ rpc: RPC_TAG, kind: 'call', id, method, payload }, transfer);
        } catch (error) {
          // DataCloneError: the payload cannot cross threads.
          settle(id);
          reject(error instanceof Error ? error : new Error(String(error)));
        }
      });
    },
    get pending() {
      return pending.size;
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      worker.removeEventListener('message', onMessage);
      extras.removeEventListener?.('error', onWorkerError);
      extras.removeEventListener?.('messageerror', onWorkerError);
      failAll(new AbortError('Le traitement en arrière-plan a été arrêté.'));
      extras.terminate?.();
    },
  };
}
