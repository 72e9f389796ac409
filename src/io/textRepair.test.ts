import { describe, expect, it } from 'vitest';
import { repairDoubleEncodedBytes, repairDoubleEncoding } from './textRepair.ts';

/** What Excel does: UTF-8 bytes read as Windows-1252, saved as UTF-8 again. */
function doubleEncode(text: string): string {
  const cp1252 = new TextDecoder('windows-1252');
  return cp1252.decode(new TextEncoder().encode(text));
}

describe('repairDoubleEncoding', () => {
  it('repairs HalogÃ¨ne and every French accented letter, apostrophe and euro sign', () => {
    expect(doubleEncode('Halogène')).toBe('HalogÃ¨ne');
    const french = 'àâäçéèêëîïôöùûüÿœæ ÀÂÉÈÊÇÔŒ l’Épi « n° 5 » 12 €';
    const result = repairDoubleEncoding(doubleEncode(french));
    expect(result.text).toBe(french);
    expect(result.repaired).toBe([...french].filter((c) => c.charCodeAt(0) > 127).length);
  });

  it('leaves correct text alone, including a real « Â »', () => {
    for (const text of ['Halogène', 'Âge ; ÂME', 'Ã', 'SÃO PAULO', 'Côte d’Opale']) {
      expect(repairDoubleEncoding(text)).toMatchObject({ text, repaired: 0 });
    }
  });

  it('turns a damaged CSV into UTF-8 with a French warning giving an example', () => {
    const csv = `id;lampe;commune\nPL1;${doubleEncode('Halogène')};${doubleEncode('Le Wast')}\nPL2;${doubleEncode('Sodium haute pression')};${doubleEncode('Échinghen')}\n`;
    const repaired = repairDoubleEncodedBytes(new TextEncoder().encode(csv))!;
    expect(new TextDecoder().decode(repaired.bytes)).toBe(
      'id;lampe;commune\nPL1;Halogène;Le Wast\nPL2;Sodium haute pression;Échinghen\n',
    );
    expect(repaired.warning).toMatch(/doublement encodé.*« HalogÃ¨ne » → « Halogène ».*2 caractère/);
    expect(repairDoubleEncodedBytes(new TextEncoder().encode('id;lampe\n1;Halogène\n'))).toBeNull();
  });
});

describe('import of damaged spreadsheet text', () => {
  it('repairs double encoding, reads « 5 922 » and restores a lost leading zero, each with a warning', async () => {
    const { importFile } = await import('./import/importFile.ts');
    const cp1252 = new TextDecoder('windows-1252');
    const damaged = cp1252.decode(new TextEncoder().encode('Halogène'));
    const csv = `id;lampe;kwh;insee\nPL1;${damaged};5 922;1004\nPL2;LED;1 250,5;62160\n`;
    const result = await importFile(new TextEncoder().encode(csv), {
      kind: 'lights',
      fileName: 'export.csv',
      mapping: { insee: 'insee' },
    });
    expect(result.ok).toBe(true);
    expect(result.features.attributes.lampe!.get(0)).toBe('Halogène');
    expect(result.features.insee).toEqual([null, null]); // no territory given: codes parsed, not joined
    expect(result.warnings.join('\n')).toMatch(/doublement encodé/);
    expect(result.warnings.join('\n')).toMatch(/1 code INSEE à 4 chiffres.*1004 → 01004.*complété par un 0/);
    const { parseNumberFr } = await import('./formats/number.ts');
    expect(parseNumberFr(result.features.attributes.kwh!.get(0))).toBe(5922);
    expect(parseNumberFr(result.features.attributes.kwh!.get(1))).toBe(1250.5);
  });
});
