import initSqlJs, { type SqlJsStatic } from 'sql.js';

/*
 * SQLite compiled to WebAssembly (sql.js), loaded once per thread. In Node (CLI, tests) sql.js finds its
 * `sql-wasm.wasm` next to its own file; in the browser build the import worker registers the URL Vite gives
 * the wasm (`?url` import) before the first GeoPackage, because a bundled worker has no such neighbour.
 */

let wasmUrl: string | null = null;
let loading: Promise<SqlJsStatic> | null = null;

export function setSqlWasmUrl(url: string): void {
  wasmUrl = url;
}

export function loadSqlite(): Promise<SqlJsStatic> {
  const url = wasmUrl;
  loading ??= initSqlJs(url ? { locateFile: () => url } : undefined).catch((error: unknown) => {
    loading = null;
    throw error;
  });
  return loading;
}
