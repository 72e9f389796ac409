import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildCommuneIndex, type CommuneAreas } from '../geo/communeIndex.ts';
import { type CommuneRef, createCommuneResolver } from './communes.ts';
import { importFile } from './import/importFile.ts';

/** The committed territory (data/territory/): 74 communes with their postcodes from @etalab/decoupage-administratif. */
const layer = JSON.parse(
  readFileSync(resolve(import.meta.dirname, '../../data/territory/communes.geojson'), 'utf8'),
) as CommuneAreas & { features: { properties: CommuneRef }[] };
const communes = layer.features.map((f) => f.properties as CommuneRef);
const resolver = createCommuneResolver(communes);

/** How people write a commune's name in spreadsheets. */
function variants(name: string): string[] {
  const plain = name.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  const out = [
    name,
    name.toUpperCase(),
    name.toLowerCase(),
    plain,
    plain.toUpperCase(),
    name.replace(/-/g, ' '),
    plain.replace(/[-']/g, ' ').toUpperCase(),
    name.replace(/'/g, '’'),
    name.replace(/'/g, ''),
    ` ${name}  `,
  ];
  if (/^Saint-/.test(name)) out.push(name.replace(/^Saint-/, 'St '), name.replace(/^Saint-/, 'ST-'));
  if (/^Sainte-/.test(name)) out.push(name.replace(/^Sainte-/, 'Ste '));
  const article = /^(Le|La|Les) (.*)$/.exec(name);
  if (article)
    out.push(`${article[2]} (${article[1]})`, `${article[2]!.toUpperCase()} (${article[1]!.toUpperCase()})`);
  if (/-sur-/.test(name))
    out.push(name.replace(/-sur-/, ' s/ '), name.replace(/-sur-/, ' sur ').toLowerCase());
  return out;
}

describe('commune names and postcodes over the whole territory', () => {
  it('has 74 communes, every one with at least one postcode', () => {
    expect(communes).toHaveLength(74);
    for (const c of communes) expect(c.postcodes?.length, c.name).toBeGreaterThan(0);
  });

  it('matches every name of the territory, however it is typed', () => {
    let checked = 0;
    for (const c of communes) {
      for (const typed of variants(c.name)) {
        expect(resolver.resolve(null, typed), `${c.insee} ${typed}`).toEqual({
          ok: true,
          insee: c.insee,
          via: 'name',
        });
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(74 * 10);
    expect(resolver.resolve(null, 'Boulogne sur mer')).toMatchObject({ ok: true, insee: '62160' });
    expect(resolver.resolve(null, 'ST MARTIN BOULOGNE')).toMatchObject({ ok: true, insee: '62758' });
    expect(resolver.resolve(null, 'Hesdin l Abbe')).toMatchObject({ ok: true, insee: '62448' });
    expect(resolver.resolve(null, 'BOULOGNE SUR MER CEDEX')).toMatchObject({ ok: true, insee: '62160' });
  });

  it('places every postcode of the territory: alone when one commune has it, with the name when shared', () => {
    const byPostcode = new Map<string, CommuneRef[]>();
    for (const c of communes)
      for (const p of c.postcodes!) byPostcode.set(p, [...(byPostcode.get(p) ?? []), c]);
    expect(byPostcode.size).toBe(17);
    for (const [postcode, list] of byPostcode) {
      const alone = resolver.resolve(null, null, postcode);
      if (list.length === 1)
        expect(alone, postcode).toEqual({ ok: true, insee: list[0]!.insee, via: 'postcode' });
      else {
        expect(alone.ok, postcode).toBe(false);
        for (const c of list) if (!alone.ok) expect(alone.reason).toContain(c.name);
      }
      for (const c of list) {
        expect(resolver.resolve(null, c.name, postcode), `${postcode} ${c.name}`).toEqual({
          ok: true,
          insee: c.insee,
          via: 'name',
        });
        // The postcode typed in the INSEE column is accepted when the name confirms it (same commune).
        if (!resolver.has(postcode))
          expect(resolver.resolve(postcode, c.name), `${postcode} ${c.name}`).toMatchObject({
            ok: true,
            insee: c.insee,
          });
      }
    }
    expect(resolver.resolve(null, null, '62179')).toEqual({
      ok: false,
      reason:
        'code postal 62179 commun à 4 communes (Audinghen, Hervelinghen, Tardinghen et Wissant) : indiquez le nom de la commune',
    });
    expect(resolver.resolve(null, null, '62100')).toMatchObject({ ok: false, outside: true });
  });

  it('flags a code and a name that designate different communes (62230 = Outreau’s postcode, Colembert’s INSEE)', () => {
    expect(resolver.resolve('62230', 'Outreau')).toEqual({
      ok: false,
      reason:
        'code INSEE 62230 (Colembert) et commune « Outreau » (62643) ne concordent pas ; 62230 est le code postal d’Outreau (code INSEE 62643)',
    });
    expect(resolver.resolve('62179', 'Wissant')).toMatchObject({ ok: false });
    expect(resolver.resolve('62160', 'Wimereux')).toMatchObject({ ok: false });
    expect(resolver.resolve('62230', 'Colembert')).toEqual({ ok: true, insee: '62230', via: 'insee' });
    expect(resolver.resolve('62179', 'Brunembert', '62240')).toEqual({
      ok: true,
      insee: '62179',
      via: 'insee',
    });
    // 59350 is a valid code outside the territory: it contradicts the name.
    expect(resolver.resolve('59350', 'Boulogne-sur-Mer')).toMatchObject({ ok: false });
  });

  it('keeps a name whose postcode is wrong, with a note', () => {
    expect(resolver.resolve(null, 'Outreau', '62200')).toEqual({
      ok: true,
      insee: '62643',
      via: 'name',
      note: 'code postal 62200 différent de celui d’Outreau (62230) : commune retenue d’après son nom',
    });
  });

  it('rejects unknown names with the closest names of the territory', () => {
    const reason = (name: string, postcode: string | null = null) => {
      const match = resolver.resolve(null, name, postcode);
      return match.ok ? '' : match.reason;
    };
    expect(reason('Boulogne')).toBe(
      'commune « Boulogne » inconnue dans le territoire (commune proche : Boulogne-sur-Mer)',
    );
    expect(reason('Wimereu')).toContain('Wimereux');
    expect(reason('Outrau')).toContain('Outreau');
    expect(reason('Neufchatel')).toContain('Neufchâtel-Hardelot');
    expect(reason('Calais')).toBe('commune « Calais » inconnue dans le territoire');
    // A shared postcode lists its communes as suggestions.
    expect(reason('Wisant', '62179')).toContain('Tardinghen');
  });

  it('refuses a column of postcodes mapped as INSEE codes, accepts the real INSEE codes', () => {
    const problem = resolver.postcodeColumnProblem(['62200', '62230', '62179', '62200', null], 'CP');
    expect(problem).toContain('62200 est le code postal de Boulogne-sur-Mer (code INSEE 62160)');
    expect(problem).toContain('62230 est à la fois le code postal d’Outreau et le code INSEE de Colembert');
    expect(problem).toContain(
      '62179 est à la fois le code postal d’Audinghen, Hervelinghen, Tardinghen et Wissant',
    );
    expect(
      resolver.postcodeColumnProblem(
        communes.map((c) => c.insee),
        'insee',
      ),
    ).toBeNull();
    const allPostcodes = [...new Set(communes.flatMap((c) => c.postcodes!))];
    expect(resolver.postcodeColumnProblem(allPostcodes, 'code')).not.toBeNull();
    // Only codes that are both (62230, 62179) cannot tell: the name check of each row decides.
    expect(resolver.postcodeColumnProblem(['62230', '62179'], 'code')).toBeNull();
  });
});

describe('import engine: rows located by name and postcode', () => {
  const index = buildCommuneIndex(layer);
  const run = (text: string, mapping = {}) =>
    importFile(new TextEncoder().encode(text), {
      kind: 'advice',
      fileName: 'conseils.csv',
      communes: index,
      mapping,
    });

  it('accepts a file with commune names only (the name column is detected)', async () => {
    const result = await run(
      'date;commune;cp\n2025-03-01;BOULOGNE SUR MER;62200\n2025-03-02;St Léonard;62360\n2025-03-03;Wissant;62179\n2025-03-04;Boulogne;\n',
    );
    expect(result.ok).toBe(true);
    expect(result.mapping).toMatchObject({ commune: 'commune', postcode: 'cp', insee: null });
    expect(result.features.insee).toEqual(['62160', '62755', '62899']);
    expect(result.errors).toEqual([
      {
        row: 5,
        reason: 'commune « Boulogne » inconnue dans le territoire (commune proche : Boulogne-sur-Mer)',
      },
    ]);
  });

  it('refuses the whole file when a postcode column is mapped as INSEE codes', async () => {
    const result = await run('date;cp\n2025-03-01;62230\n2025-03-02;62200\n', { insee: 'cp' });
    expect(result.ok).toBe(false);
    expect(result.errors[0]!.reason).toMatch(
      /^La colonne « cp », choisie comme code INSEE, contient des codes postaux/,
    );
  });

  it('flags the rows whose code and name disagree instead of placing them', async () => {
    const result = await run(
      'date;code_insee;commune\n2025-03-01;62230;Outreau\n2025-03-02;62230;Colembert\n',
    );
    expect(result.features.insee).toEqual(['62230']);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatchObject({ row: 2, reason: expect.stringContaining('ne concordent pas') });
  });

  it('places rows by a postcode only one commune has, and keeps postcodes outside the territory flagged', async () => {
    const result = await run('date;code_postal\n2025-03-01;62230\n2025-03-02;62100\n2025-03-03;62250\n');
    expect(result.features.insee).toEqual(['62643', null]);
    expect(result.outsideTerritory).toBe(1);
    expect(result.errors).toEqual([
      { row: 4, reason: expect.stringContaining('code postal 62250 commun à 12 communes') },
    ]);
  });
});
