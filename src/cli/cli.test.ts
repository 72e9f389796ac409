import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const run = promisify(execFile);

/** Runs the real command line, as a user would; stdout must hold exactly one JSON document. */
async function atlas(...args: string[]): Promise<{ json: unknown; stderr: string }> {
  const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'src/cli/index.ts', ...args], {
    cwd: ROOT,
    maxBuffer: 64 * 1024 * 1024,
  });
  const lines = stdout.trim().split('\n');
  expect(lines).toHaveLength(1);
  return { json: JSON.parse(lines[0]!), stderr };
}

describe('atlas territory --json', () => {
  it('prints the territory contract: 74 communes, 3 EPCI (22/31/21)', async () => {
    const { json } = await atlas('territory', '--json');
    expect(Object.keys(json as object)).toEqual(['name', 'communes', 'population', 'epci', 'source']);
    const t = json as {
      communes: number;
      population: number;
      epci: { siren: string; communes: number; population: number }[];
    };
    expect(t.communes).toBe(74);
    expect(t.epci.map((e) => [e.siren, e.communes])).toEqual([
      ['246200729', 22],
      ['200018083', 31],
      ['246200380', 21],
    ]);
    expect(t.population).toBe(t.epci.reduce((s, e) => s + e.population, 0));
  });

  it('rejects an unknown command on stderr with a non-zero exit', async () => {
    await expect(
      run(process.execPath, ['--import', 'tsx', 'src/cli/index.ts', 'nope'], { cwd: ROOT }),
    ).rejects.toMatchObject({
      code: 2,
      stdout: '',
      stderr: expect.stringContaining('Commande inconnue'),
    });
  });
});
