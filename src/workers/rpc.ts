/** Generic typed RPC between the main thread and Web Workers (no UI or map code here). */
export {
  type CallOptions,
  createWorkerClient,
  type PayloadOf,
  type ResultOf,
  type WorkerClient,
} from './client.ts';
export {
  type ExposeOptions,
  exposeWorkerApi,
  type HandlerContext,
  type WorkerApi,
  type WorkerHandler,
} from './expose.ts';
export {
  AbortError,
  DEFAULT_ABORT_MESSAGE,
  isAbortError,
  type MessageEndpoint,
  type Transfer,
  transfer,
} from './protocol.ts';
