/**
 * Import worker: parsing, reprojection, validation and the commune join run here, off the main thread.
 * Use it through `createImportClient` (importClient.ts).
 */
import { exposeWorkerApi } from './expose.ts';
import { createImportApi } from './importApi.ts';

exposeWorkerApi(createImportApi());
