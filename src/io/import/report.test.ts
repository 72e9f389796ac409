import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildCommuneIndex, type CommuneAreas } from '../../geo/communeIndex.ts';
import { importFile } from './importFile.ts';
import { importSummary, validationReportCsv } from './report.ts';

const ROOT = resolve(import.meta.dirname, '../../..');

describe('validation report', () => {
  it('lists rejected and outside-territory rows in file order, neutralising formulas', async () => {
    const communes = buildCommuneIndex(
      JSON.parse(
        readFileSync(resolve(ROOT, 'public/data/generated/communes.geojson'), 'utf8'),
      ) as CommuneAreas,
    );
    const text = 'id;lon;lat\nA;1,60533;50,72824\n=HYPERLINK("x");2,35;48,85\nC;abc;50\n';
    const result = await importFile(new TextEncoder().encode(text), {
      kind: 'lights',
      fileName: 'r.csv',
      communes,
    });
    expect(importSummary(result)).toBe(
      '3 lignes lues : 2 acceptées (dont 1 hors du territoire, conservée), 1 rejetée.',
    );
    expect(validationReportCsv(result)).toBe(
      '\uFEFFligne;statut;raison;identifiant\r\n' +
        '3;conservée, hors territoire;en dehors des communes du territoire;"\'=HYPERLINK(""x"")"\r\n' +
        '4;rejetée;nombre illisible dans lon : « abc »;\r\n',
    );
  });
});
