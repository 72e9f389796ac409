/**
 * Wire format shared by `createWorkerClient` (main thread) and `exposeWorkerApi` (worker). Every message
 * carries the `rpc` tag so that both sides ignore unrelated traffic on the same port.
 */
export const RPC_TAG = 'atlas-rpc/1';

export interface SerializedError {
  name: string;
  message: string;
}

export type ClientMessage =
  | { rpc: typeof RPC_TAG; kind: 'call'; id: number; method: string; payload: unknown }
  | { rpc: typeof RPC_TAG; kind: 'abort'; id: number };

export type WorkerMessage =
  | { rpc: typeof RPC_TAG; kind: 'progress'; id: number; done: number; total: number; phase?: string }
  | { rpc: typeof RPC_TAG; kind: 'result'; id: number; value: unknown }
  | { rpc: typeof RPC_TAG; kind: 'error'; id: number; error: SerializedError };

export function isRpcMessage(data: unknown): data is { rpc: typeof RPC_TAG; kind: string; id: number } {
  return (
    typeof data === 'object' &&
    data !== null &&
    (data as { rpc?: unknown }).rpc === RPC_TAG &&
    typeof (data as { id?: unknown }).id === 'number'
  );
}

/** What both a `Worker`, a `MessagePort` and a worker's global scope offer. */
export interface MessageEndpoint {
  postMessage(message: unknown, transfer: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  removeEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  /** MessagePorts only deliver after start() when listened to with addEventListener. */
  start?: () => void;
}

export const DEFAULT_ABORT_MESSAGE = 'Opération annulée.';

/**
 * Rejection of a cancelled call. Its `name` is 'AbortError' like the DOM's, so that `isAbortError` also
 * recognises errors raised by fetch or by code that throws `signal.reason`.
 */
export class AbortError extends Error {
  override name = 'AbortError';
  constructor(message = DEFAULT_ABORT_MESSAGE) {
    super(message);
  }
}

export function isAbortError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'AbortError';
}

/** Errors lose their prototype across postMessage in some engines: send name and message explicitly. */
export function serializeError(error: unknown): SerializedError {
  if (error instanceof Error || (typeof error === 'object' && error !== null && 'message' in error)) {
    const e = error as { name?: unknown; message?: unknown };
    return {
      name: typeof e.name === 'string' && e.name ? e.name : 'Error',
      message: typeof e.message === 'string' ? e.message : String(e.message),
    };
  }
  return { name: 'Error', message: String(error) };
}

export function deserializeError(error: SerializedError): Error {
  if (error.name === 'AbortError') return new AbortError(error.message);
  const result = new Error(error.message);
  result.name = error.name;
  return result;
}

const TRANSFER = Symbol('transfer');

/** A handler's result together with the buffers to move (not copy) back to the main thread. */
export interface Transfer<T> {
  readonly [TRANSFER]: true;
  readonly value: T;
  readonly transferables: Transferable[];
}

/**
 * Wraps a handler result so that its buffers are transferred, e.g.
 * `return transfer({ lon, lat }, [lon.buffer, lat.buffer])`. The worker's copies become unusable.
 */
export function transfer<T>(value: T, transferables: Transferable[]): Transfer<T> {
  return { [TRANSFER]: true, value, transferables };
}

export function isTransfer(value: unknown): value is Transfer<unknown> {
  return typeof value === 'object' && value !== null && TRANSFER in value;
}
