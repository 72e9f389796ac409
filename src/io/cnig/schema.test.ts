import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { hasShared, sharedPath } from '../../../test/support/shared.ts';
import { CNIG_FRICHES_FIELDS, CNIG_FRICHES_SCHEMA } from './schema.ts';
import { validateRecord } from './validate.ts';

/** The published standard, read from ../shared beside the repository (never copied into it). */
interface ReferenceField {
  name: string;
  type: string;
  example?: string | number;
  constraints: { required: boolean; enum?: string[]; pattern?: string };
}
const SCHEMA = sharedPath('reference/cnig-friches/schema.json');
const present = hasShared(SCHEMA);
const reference = (present ? JSON.parse(readFileSync(SCHEMA, 'utf8')) : { fields: [] }) as {
  version: string;
  missingValues: string[];
  primaryKey: string;
  fields: ReferenceField[];
};

/** TableSchema patterns must match the whole value. */
const anchored = (pattern: string) => new RegExp(`^(?:${pattern})$`, 'u');

describe.skipIf(!present)('our encoding of the CNIG Friches schema', () => {
  it('matches the published version, missing values and primary key', () => {
    expect(CNIG_FRICHES_SCHEMA.version).toBe(reference.version);
    expect([...CNIG_FRICHES_SCHEMA.missingValues].sort()).toEqual([...reference.missingValues].sort());
    expect(CNIG_FRICHES_SCHEMA.primaryKey).toBe(reference.primaryKey);
  });

  it('has the same fields, in the same order, with the same required flags', () => {
    expect(CNIG_FRICHES_FIELDS.map((f) => f.name)).toEqual(reference.fields.map((f) => f.name));
    for (const [i, ref] of reference.fields.entries()) {
      expect(CNIG_FRICHES_FIELDS[i]!.required, ref.name).toBe(ref.constraints.required);
    }
  });

  it('has the same enumerations', () => {
    for (const ref of reference.fields.filter((f) => f.constraints.enum)) {
      const ours = CNIG_FRICHES_FIELDS.find((f) => f.name === ref.name)!;
      expect(ours.enum, ref.name).toEqual(ref.constraints.enum);
      expect(ours.multiple ?? false, ref.name).toBe(false);
    }
  });

  it('encodes the enumerations hidden in multi-value patterns so that the published pattern accepts them', () => {
    const multiEnums = CNIG_FRICHES_FIELDS.filter((f) => f.multiple && f.enum);
    expect(multiEnums.map((f) => f.name).sort()).toEqual(['bati_type', 'proprio_personne']);
    for (const field of multiEnums) {
      const pattern = anchored(reference.fields.find((f) => f.name === field.name)!.constraints.pattern!);
      for (const item of field.enum!) expect(pattern.test(item), `${field.name}: ${item}`).toBe(true);
      expect(pattern.test(field.enum!.join('|')), field.name).toBe(true);
      expect(pattern.test('valeur inventée')).toBe(false);
    }
  });

  it('types integers, dates and years like the published schema', () => {
    for (const ref of reference.fields) {
      const ours = CNIG_FRICHES_FIELDS.find((f) => f.name === ref.name)!;
      if (ref.type === 'integer') expect(ours.type, ref.name).toBe('integer');
      if (ref.type === 'date') expect(ours.type, ref.name).toMatch(/^(date|year)$/);
    }
  });

  it('accepts every example given by the standard (except the deliberately elided geomsurf)', () => {
    const examples = new Map(
      reference.fields.map((f) => [f.name, f.example === undefined ? null : String(f.example)]),
    );
    const result = validateRecord((name) => examples.get(name));
    expect(result.blocking).toEqual([]);
    expect(result.nonBlocking.map((i) => i.field)).toEqual(['geomsurf']);
  });

  it('agrees with the published patterns on their own examples', () => {
    for (const ref of reference.fields.filter((f) => f.constraints.pattern && f.example !== undefined)) {
      const example = String(ref.example);
      const ours = validateRecord((name) => (name === ref.name ? example : undefined));
      expect(ours.nonBlocking, ref.name).toEqual([]);
    }
  });
});
