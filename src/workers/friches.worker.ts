/// <reference lib="webworker" />
import { exposeWorkerApi } from './expose.ts';
import { frichesApi } from './frichesApi.ts';

/** Brownfield criteria off the main thread (inventories of more than 200 sites). */
exposeWorkerApi(frichesApi);
