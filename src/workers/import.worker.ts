/**
 * Import worker: parsing, reprojection, validation and the commune join run here, off the main thread.
 * Use it through `createImportClient` (importClient.ts).
 */
import sqlWasmUrl from 'sql.js/dist/sql-wasm-browser.wasm?url';
import { setSqlWasmUrl } from '../io/gpkg/sqlite.ts';
import { exposeWorkerApi } from './expose.ts';
import { createImportApi } from './importApi.ts';

// GeoPackages are SQLite files: sql.js needs the URL of its wasm in the bundle (see io/gpkg/sqlite.ts).
setSqlWasmUrl(sqlWasmUrl);
exposeWorkerApi(createImportApi());
