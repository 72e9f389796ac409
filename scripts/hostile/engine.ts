/**
 * One corpus file through the import engine as the app's worker runs it (src/workers/importApi.ts: inspect,
 * then importFile, then the transfer serialisation), size checked first as the browser's file input does.
 * Prints one JSON line: `{ step, ok, rows, accepted, rejected, reason }`. Run by corpus.test.ts in a child
 * process under the same memory ceiling and time limit as the CLI.
 */
import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { loadTerritory } from '../../src/cli/territoryData.ts';
import { checkFileSize } from '../../src/io/fileSize.ts';
import type { LayerKind } from '../../src/io/types.ts';
import type { HandlerContext } from '../../src/workers/expose.ts';
import { createImportApi } from '../../src/workers/importApi.ts';

const [path, kind] = process.argv.slice(2) as [string, LayerKind];
const print = (value: object) => process.stdout.write(`${JSON.stringify(value)}\n`);

const context: HandlerContext = {
  progress: () => undefined,
  signal: new AbortController().signal,
  throwIfAborted: () => undefined,
  yield: async () => undefined,
};

async function main() {
  const refused = checkFileSize(statSync(path).size);
  if (refused) return print({ step: 'size', ok: false, reason: refused });
  const bytes = new Uint8Array(readFileSync(path));
  const api = createImportApi();
  api.setCommunes(loadTerritory().communes);
  const fileName = basename(path);
  const inspection = await api.inspect({ bytes, fileName, kind });
  if (!inspection.ok) return print({ step: 'inspect', ok: false, reason: inspection.reason ?? '' });
  const { value: r } = await api.importFile({ bytes, options: { kind, fileName } }, context);
  const rejected = r.errors.filter((e) => e.row > 0).length;
  print({
    step: 'import',
    ok: r.ok,
    rows: r.rows,
    accepted: r.features.count,
    rejected,
    reason: r.ok ? null : (r.errors[0]?.reason ?? ''),
    reasons: r.errors.slice(0, 50).map((e) => e.reason),
  });
}

main().catch(() => {
  // Only a crash of the engine itself gets here: the test counts it.
  process.exitCode = 3;
});
