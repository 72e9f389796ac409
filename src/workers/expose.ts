import {
  AbortError,
  type ClientMessage,
  DEFAULT_ABORT_MESSAGE,
  isRpcMessage,
  isTransfer,
  type MessageEndpoint,
  RPC_TAG,
  serializeError,
  type Transfer,
  type WorkerMessage,
} from './protocol.ts';

export interface HandlerContext {
  /**
   * Reports progress; calls are throttled, the first and the final (done ≥ total) of each phase always get
   * through. `phase` names a stage after the first (e.g. the module's mapping after the engine's reading).
   */
  progress(done: number, total: number, phase?: string): void;
  /** Aborted when the caller cancels. Only observed when the handler lets the event loop run. */
  signal: AbortSignal;
  /** Throws an AbortError if the call was cancelled. */
  throwIfAborted(): void;
  /**
   * Lets queued messages (a cancellation) through, then throws if cancelled. Long synchronous loops should
   * `await context.yield()` every few thousand rows, otherwise Cancel only takes effect at the end.
   */
  yield(): Promise<void>;
}

/**
 * A worker method: one structured-clonable payload in, a result (or `transfer(result, buffers)`) out.
 * `never` accepts handlers of any payload type; createWorkerClient recovers the precise types.
 */
export type WorkerHandler = (payload: never, context: HandlerContext) => unknown;
export type WorkerApi = Record<string, WorkerHandler>;

export interface ExposeOptions {
  /** Minimum delay between two progress messages (ms). */
  progressIntervalMs?: number;
}

/** A macrotask boundary: MessageChannel is not clamped like setTimeout and exists in workers and Node. */
function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

/**
 * Serves `api` on `endpoint` (the worker's global scope by default). Returns a function that stops
 * serving. Handlers run concurrently; each has its own AbortSignal.
 */
export function exposeWorkerApi(
  api: WorkerApi,
  endpoint: MessageEndpoint = globalThis as unknown as MessageEndpoint,
  options: ExposeOptions = {},
): () => void {
  const interval = options.progressIntervalMs ?? 50;
  const running = new Map<number, AbortController>();
  const post = (message: WorkerMessage, transferables: Transferable[] = []) =>
    endpoint.postMessage(message, transferables);

  const run = async (id: number, method: string, payload: unknown) => {
    const controller = new AbortController();
    running.set(id, controller);
    const { signal } = controller;
    let lastProgress = Number.NEGATIVE_INFINITY;
    let lastPhase: string | undefined;
    const context: HandlerContext = {
      progress(done, total, phase) {
        const now = performance.now();
        if (done < total && phase === lastPhase && now - lastProgress < interval) return;
        lastProgress = now;
        lastPhase = phase;
        post({ rpc: RPC_TAG, kind: 'progress', id, done, total, ...(phase ? { phase } : {}) });
      },
      signal,
      throwIfAborted() {
        if (signal.aborted) throw new AbortError(DEFAULT_ABORT_MESSAGE);
      },
      async yield() {
        await nextTask();
        context.throwIfAborted();
      },
    };
    try {
      const handler = Object.hasOwn(api, method) ? api[method] : undefined;
      if (typeof handler !== 'function') throw new Error(`Traitement inconnu : « ${method} ».`);
      const outcome: unknown = await handler(payload as never, context);
      if (isTransfer(outcome)) {
        const { value, transferables } = outcome as Transfer<unknown>;
        post({ rpc: RPC_TAG, kind: 'result', id, value }, transferables);
      } else {
        post({ rpc: RPC_TAG, kind: 'result', id, value: outcome });
      }
    } catch (error) {
      // Also reached when the result cannot be cloned (DataCloneError): the caller still gets an answer.
      post({ rpc: RPC_TAG, kind: 'error', id, error: serializeError(error) });
    } finally {
      running.delete(id);
    }
  };

  const onMessage = (event: MessageEvent) => {
    const data: unknown = event.data;
    if (!isRpcMessage(data)) return;
    const message = data as ClientMessage;
    if (message.kind === 'call') void run(message.id, message.method, message.payload);
    else if (message.kind === 'abort') running.get(message.id)?.abort();
  };
  endpoint.addEventListener('message', onMessage);
  endpoint.start?.();
  return () => {
    endpoint.removeEventListener('message', onMessage);
    for (const controller of running.values()) controller.abort();
    running.clear();
  };
}
