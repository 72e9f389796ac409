import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../../..');
const FIXTURE = 'test/fixtures/advice/conseils-conseiller.csv';
/** Ten sessions of 2024 (6 with works): the dashboard shows 60 % « toutes dates » (presentation.e2e). */
const REFERENCE = 'test/fixtures/advice/conseils-murs-avant-contrat.csv';
const exec = promisify(execFile);
const atlas = (...args: string[]) =>
  exec(process.execPath, ['--import', 'tsx', 'src/cli/index.ts', ...args], { cwd: ROOT });

describe('atlas advice --json', () => {
  it('prints the issue-5 summary on a hand-worked adviser export', async () => {
    const { stdout, stderr } = await atlas('advice', FIXTURE, '--as-of', '2026-10-31', '--json');
    expect(stdout.trim().split('\n')).toHaveLength(1);
    // 9 rows: 3 rejected (outside the territory, impossible date, unknown channel), 6 sessions.
    // Mature on 2026-10-31 (≤ 2026-04-30): rows 2–5; with works: rows 2 (réalisés) and 4 (engagés).
    // Due: row 4 (contact 12/05 + 3 months), row 5 (30/04 + 3), row 6 (01/05 + 3); not row 7 (15/12).
    expect(JSON.parse(stdout)).toEqual({
      sessions: 6,
      mature: 4,
      withWorks: 2,
      conversionRate: 0.5,
      dueReminders: 3,
      byCommune: {
        '62160': { sessions: 2, mature: 2, withWorks: 1 },
        '62268': { sessions: 2, mature: 0, withWorks: 0 },
        '62893': { sessions: 2, mature: 2, withWorks: 1 },
      },
      period: 'dans la période du contrat',
      conversionScope: 'dans la période du contrat',
    });
    expect(stdout).not.toMatch(/DUPONT|MARTIN|06 12/);
    expect(stderr).toContain('2 colonnes de données personnelles ignorées (« nom », « telephone »)');
    expect(stderr).toContain('ligne 8 : commune 59350 hors du territoire');
    expect(stderr).toContain('ligne 9 : date du conseil « 31/02/2026 » illisible');
    expect(stderr).toContain('ligne 10 : canal « pigeon voyageur » non reconnu');
  });

  it('moves the maturity boundary with --as-of (a session of 01/05/2026 is mature on 01/11/2026)', async () => {
    const { stdout } = await atlas('advice', FIXTURE, '--as-of', '2026-11-01', '--json');
    expect(JSON.parse(stdout)).toMatchObject({ sessions: 6, mature: 5, withWorks: 2, conversionRate: 0.4 });
  });

  it('states its scope, and equals the dashboard figure: the reference file predating the contract → 60 % over all sessions', async () => {
    const { stdout } = await atlas('advice', REFERENCE, '--as-of', '2026-10-31', '--json');
    const summary = JSON.parse(stdout);
    expect(summary).toMatchObject({
      sessions: 0,
      mature: 10,
      withWorks: 6,
      conversionRate: 0.6,
      period: 'dans la période du contrat',
      conversionScope: expect.stringMatching(/^toutes dates : aucun conseil arrivé à maturité/),
    });
    const all = JSON.parse(
      (await atlas('advice', REFERENCE, '--as-of', '2026-10-31', '--period', 'all', '--json')).stdout,
    );
    expect(all).toMatchObject({
      sessions: 10,
      mature: 10,
      withWorks: 6,
      conversionRate: 0.6,
      period: 'toutes dates',
    });
    await expect(atlas('advice', REFERENCE, '--period', 'hier', '--json')).rejects.toMatchObject({ code: 2 });
  });

  it('explains bad arguments in French on stderr', async () => {
    await expect(atlas('advice', 'absent.csv', '--json')).rejects.toMatchObject({
      code: 1,
      stdout: '',
      stderr: expect.stringContaining('Fichier introuvable'),
    });
    await expect(atlas('advice', FIXTURE, '--as-of', '31/10/2026', '--json')).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining('aaaa-mm-jj'),
    });
  });
});
