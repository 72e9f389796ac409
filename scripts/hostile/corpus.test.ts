/**
 * Runs the CLI over the hostile corpus (scripts/hostile/corpus.ts), one process per case under a memory ceiling
 * (`--max-old-space-size=1024`) and a time limit. Every case must end with exit status 0 and exactly one JSON
 * document whose rows add up (rows = accepted + rejected), or status 1 and one French message on stderr —
 * never a crash, a signal, a stack trace, library English, or a hang. The CLI is bundled once (esbuild) so
 * that each case costs a Node start-up, not a TypeScript compilation.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCorpus, type CorpusCase } from './corpus.ts';

const ROOT = resolve(import.meta.dirname, '../..');
// Two levels under the root, like src/cli/, so the bundle finds public/data/generated as the sources do.
const BUNDLE = join(ROOT, 'test-results/hostile/cli.mjs');
const ENGINE = join(ROOT, 'test-results/hostile/engine.mjs');
const CASE_TIME_LIMIT_MS = 60_000;
const MEMORY_CEILING_MB = 1024;
/** Corpus cases whose code path through the worker's engine differs from the CLI's (see beforeAll). */
const ENGINE_PATH = /^(csv-|geojson-|mutated-|sparse-)|proto/;
const ENGLISH =
  /\b(the|is|of|not|Invalid|Unexpected|undefined|Cannot|cannot|know|Expected|length|TypeError|RangeError)\b/;

interface Run {
  name: string;
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  peakRssMb: number;
}

function runCase(c: CorpusCase, dir: string, entry = BUNDLE): Promise<Run> {
  const rssFile = join(dir, `${c.name}${entry === ENGINE ? '.engine' : ''}.rss`);
  return new Promise((done) => {
    const child = spawn(
      process.execPath,
      [
        `--max-old-space-size=${MEMORY_CEILING_MB}`,
        '-r',
        join(ROOT, 'scripts/hostile/rss.cjs'),
        entry,
        ...c.args,
      ],
      { cwd: ROOT, env: { ...process.env, HOSTILE_RSS_FILE: rssFile } },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      if (stderr.length < 100_000) stderr += d;
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, CASE_TIME_LIMIT_MS);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      let peakRssMb = 0;
      try {
        peakRssMb = Number(readFileSync(rssFile, 'utf8')) / 1024;
      } catch {}
      done({ name: c.name, code, signal, stdout, stderr, timedOut, peakRssMb });
    });
  });
}

async function runAll(cases: CorpusCase[], dir: string, entry = BUNDLE, parallel = 2): Promise<Run[]> {
  const runs: Run[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < cases.length) runs.push(await runCase(cases[next++]!, dir, entry));
    }),
  );
  return runs.sort((a, b) => a.name.localeCompare(b.name));
}

let dir = '';
let runs: Run[] = [];
let engineRuns: Run[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'atlas-hostile-'));
  mkdirSync(join(ROOT, 'test-results/hostile'), { recursive: true });
  const { build } = await import('esbuild');
  for (const [entry, outfile] of [
    ['src/cli/index.ts', BUNDLE],
    ['scripts/hostile/engine.ts', ENGINE],
  ] as const)
    await build({
      entryPoints: [join(ROOT, entry)],
      bundle: true,
      platform: 'node',
      format: 'esm',
      packages: 'external',
      outfile,
      logLevel: 'warning',
    });
  const cases = await buildCorpus(dir);
  runs = await runAll(cases, dir);
  // The worker's engine entry (inspect, import, transfer: `import <file> --kind K`) only where its code path
  // differs from the CLI's. Both call the same importFile, whose readSource holds the zip caps, the DBF/SHP
  // header checks and the ring cap: the zip, shapefile and DBF cases (bombs, header lies, 200k rings — the
  // costly ones) would run the same code twice. What the engine adds is inspectFile (header sampling, mapping
  // guess, CRS detection over the first rows: the CSV and GeoJSON cases), the transfer serialisation of
  // accepted features (attribute names such as __proto__; the seeded mutations of valid files, which accept
  // rows), and its own size check before reading, as the browser's file input (the 2.5 GB size lie).
  const engineCases = cases
    .filter((c) => c.args[0] === 'import' && ENGINE_PATH.test(c.name))
    .map((c) => ({ name: c.name, args: [c.args[1]!, c.args[c.args.indexOf('--kind') + 1]!] }));
  engineRuns = await runAll(engineCases, dir, ENGINE);
  const engineWorst = engineRuns.reduce((a, b) => (b.peakRssMb > a.peakRssMb ? b : a));
  const worst = runs.reduce((a, b) => (b.peakRssMb > a.peakRssMb ? b : a));
  // The figures of the closing note.
  process.stderr.write(
    `hostile corpus: ${runs.length} cases, ${runs.filter((r) => r.signal || (r.code !== 0 && r.code !== 1)).length} crashes, ${runs.filter((r) => r.timedOut).length} hangs, peak ${Math.round(worst.peakRssMb)} MB (${worst.name}); engine: ${engineRuns.length} cases, ${engineRuns.filter((r) => r.signal || r.code !== 0).length} crashes, ${engineRuns.filter((r) => r.timedOut).length} hangs, peak ${Math.round(engineWorst.peakRssMb)} MB (${engineWorst.name})\n`,
  );
}, 600_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('hostile corpus through the CLI', () => {
  it('has the cases the issue lists', () => {
    expect(runs.length).toBeGreaterThanOrEqual(35);
  });

  it('never crashes nor hangs, under the memory ceiling', () => {
    const bad = runs
      .filter((r) => r.timedOut || r.signal !== null || (r.code !== 0 && r.code !== 1))
      .map(
        (r) =>
          `${r.name}: code ${r.code} signal ${r.signal} ${r.timedOut ? 'timeout' : ''} ${r.stderr.slice(0, 300)}`,
      );
    expect(bad).toEqual([]);
  });

  it('prints one JSON document (rows adding up) or one French message, no library text', () => {
    const problems: string[] = [];
    for (const r of runs) {
      const lines = r.stdout.split('\n').filter((l) => l !== '');
      if (r.code === 0) {
        if (lines.length !== 1) {
          problems.push(`${r.name}: ${lines.length} stdout lines`);
          continue;
        }
        const doc = JSON.parse(lines[0]!) as Record<string, unknown>;
        if ('accepted' in doc && doc.rows !== (doc.accepted as number) + (doc.rejected as number))
          problems.push(`${r.name}: rows ${doc.rows} ≠ ${doc.accepted} + ${doc.rejected}`);
        const reasons = ((doc.errors as { reason: string }[]) ?? []).map((e) => e.reason);
        for (const reason of reasons.slice(0, 50))
          if (ENGLISH.test(reason) || /NaN|Infinity/.test(reason))
            problems.push(`${r.name}: reason « ${reason} »`);
        // Warnings go to stderr: French too.
        for (const line of r.stderr.split('\n').filter((l) => l !== ''))
          if (/\n\s+at /.test(r.stderr) || ENGLISH.test(line))
            problems.push(`${r.name}: stderr « ${line.slice(0, 200)} »`);
      } else {
        if (lines.length > 1) problems.push(`${r.name}: ${lines.length} stdout lines on failure`);
        const messages = r.stderr.split('\n').filter((l) => l.startsWith('Erreur'));
        if (messages.length !== 1) problems.push(`${r.name}: ${messages.length} error messages`);
        if (/\n\s+at /.test(r.stderr) || ENGLISH.test(messages.join(' ')))
          problems.push(`${r.name}: « ${r.stderr.slice(0, 200)} »`);
        if (r.stderr.length > 10_000) problems.push(`${r.name}: ${r.stderr.length} characters of stderr`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('refuses the numbered findings with their own messages', () => {
    const message = (name: string) => runs.find((r) => r.name === name)?.stderr ?? '';
    expect(message('dbf-claims-4g-records.zip')).toMatch(/Fichier \.dbf incohérent/);
    expect(message('bomb-1gb.zip')).toMatch(/taux de compression|décompressé/);
    expect(message('shp-200k-rings.zip')).toMatch(/anneaux/);
    expect(message('zip-empty.zip')).toMatch(/vide/);
    expect(message('sparse-2.5gb.csv')).toMatch(/taille maximale/);
    expect(message('csv-utf16le-no-bom.csv')).toMatch(/UTF-16 sans indicateur d’ordre des octets/);
    expect(message('csv-insee-malformed.csv')).toMatch(
      /La colonne « code_insee » devrait contenir des codes INSEE/,
    );
    const huge = JSON.parse(runs.find((r) => r.name === 'csv-latitude-1e308.csv')!.stdout) as {
      errors: { reason: string }[];
    };
    expect(huge.errors.map((e) => e.reason)).toEqual([
      expect.stringMatching(/^valeur impossible pour une coordonnée dans lat : « 1e308 »/),
      expect.stringMatching(/^valeur impossible pour une coordonnée dans lon : « 1e308 »/),
    ]);
    const verify = runs.filter((r) => r.name.startsWith('project-'));
    expect(verify).toHaveLength(6);
    for (const r of verify) expect(JSON.parse(r.stdout)).toMatchObject({ ok: false });
  });
});

describe('hostile corpus through the engine the import worker runs', () => {
  it('never crashes nor hangs, accounts for every row and gives one French message when it refuses', () => {
    expect(engineRuns.map((r) => r.name)).toEqual(
      runs.filter((r) => ENGINE_PATH.test(r.name) && !r.name.startsWith('project-')).map((r) => r.name),
    );
    expect(engineRuns.length).toBeGreaterThanOrEqual(15);
    const problems: string[] = [];
    for (const r of engineRuns) {
      const lines = r.stdout.split('\n').filter((l) => l !== '');
      if (r.timedOut || r.signal !== null || r.code !== 0 || lines.length !== 1) {
        problems.push(
          `${r.name}: code ${r.code} signal ${r.signal} ${r.timedOut ? 'timeout' : ''} ${lines.length} lines`,
        );
        continue;
      }
      const doc = JSON.parse(lines[0]!) as {
        ok: boolean;
        rows?: number;
        accepted?: number;
        rejected?: number;
        reason: string | null;
        reasons?: string[];
      };
      if (doc.ok && doc.rows !== doc.accepted! + doc.rejected!)
        problems.push(`${r.name}: rows ${doc.rows} ≠ ${doc.accepted} + ${doc.rejected}`);
      const messages = doc.ok ? (doc.reasons ?? []) : [doc.reason ?? ''];
      if (!doc.ok && !doc.reason) problems.push(`${r.name}: refused without a message`);
      for (const m of messages)
        if (ENGLISH.test(m) || /NaN|Infinity|\n\s+at /.test(m))
          problems.push(`${r.name}: « ${m.slice(0, 200)} »`);
    }
    expect(problems).toEqual([]);
  });
});
