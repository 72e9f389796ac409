/**
 * Property-based tests of the project-file reader: whatever the bytes, importProject resolves with either a
 * valid workspace or located French errors — never an exception, never the catch-all "unexpected" error.
 * Each property runs FUZZ_RUNS cases (≥ 1,000).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { workspaceArb } from '../../../test/fixtures/project/arbitraries.ts';
import { firstDifference } from '../../../test/fixtures/project/identical.ts';
import { sampleWorkspace } from '../../../test/fixtures/project/workspaces.ts';
import { checkWorkspaceFrame } from '../../schema/frame.ts';
import { canonicalJson } from './canonical.ts';
import { exportProject, sha256Hex } from './format.ts';
import { importProject, type ProjectImportResult, UNEXPECTED_ERROR } from './import.ts';

const FUZZ_RUNS = 1_000;
const CREATED = '2025-03-02T09:15:00.000Z';
const ENGLISH = /\b(unexpected|undefined is|is not|cannot|token|invalid|error|property|function)\b/i;

function checkResult(result: ProjectImportResult): void {
  expect(typeof result.ok).toBe('boolean');
  if (result.ok) {
    expect(result.errors).toEqual([]);
    expect(checkWorkspaceFrame(result.workspace).ok).toBe(true);
    return;
  }
  expect(result.workspace).toBeNull();
  expect(result.errors.length).toBeGreaterThan(0);
  for (const error of result.errors) {
    expect(typeof error.path).toBe('string');
    expect(typeof error.reason).toBe('string');
    expect(error.reason.length).toBeGreaterThan(5);
    expect(error.reason).not.toBe(UNEXPECTED_ERROR);
    expect(error.reason).not.toMatch(ENGLISH);
  }
}

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

async function fileWithPayload(payload: unknown, version: number): Promise<string> {
  const canonical = canonicalJson(payload);
  return `{"format":"atlas-cotri-project","version":${version},"createdAt":"${CREATED}","app":{"name":"atlas-cotri","version":"0.1.0"},"sha256":"${await sha256Hex(canonical)}","payload":${canonical}}`;
}

describe('firstDifference (the identity used below)', () => {
  it('tells apart what toStrictEqual would, and own "constructor" keys too', () => {
    expect(firstDifference({ a: [1, Number.NaN] }, { a: [1, Number.NaN] })).toBeNull();
    expect(firstDifference(0, -0)).not.toBeNull();
    expect(firstDifference(new Float32Array(2), new Float64Array(2))).not.toBeNull();
    expect(firstDifference(new Int32Array([1]), new Int32Array([2]))).not.toBeNull();
    expect(firstDifference({ a: 1 }, { a: 1, b: undefined })).not.toBeNull();
    expect(firstDifference({ constructor: new Int8Array(1) }, { constructor: new Int8Array(1) })).toBeNull();
    expect(
      firstDifference({ constructor: new Int8Array(1) }, { constructor: new Int8Array([1]) }),
    ).not.toBeNull();
  });
});

describe('project file fuzzing', () => {
  it('random bytes never crash the reader', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 600 }), async (bytes) =>
        checkResult(await importProject(bytes)),
      ),
      { numRuns: FUZZ_RUNS },
    );
  });

  it('random JSON documents are refused with French reasons', async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue({ maxDepth: 5 }), async (value) => {
        const result = await importProject(JSON.stringify(value));
        checkResult(result);
        expect(result.ok).toBe(false);
      }),
      { numRuns: FUZZ_RUNS },
    );
  });

  it('random payloads behind a valid header and hash reach validation and migration safely', async () => {
    const payloadArb = fc.oneof(
      fc.jsonValue({ maxDepth: 5 }),
      fc.record(
        { schemaVersion: fc.constantFrom(1, 2), layers: fc.jsonValue({ maxDepth: 3 }) },
        { noNullPrototype: true },
      ),
      fc.dictionary(
        fc.constantFrom(
          'schemaVersion',
          'savedAt',
          'revision',
          'layers',
          'edits',
          'settings',
          'shortlist',
          'sections',
          'notes',
        ),
        fc.jsonValue({ maxDepth: 3 }),
        { noNullPrototype: true },
      ),
    );
    await fc.assert(
      fc.asyncProperty(payloadArb, fc.constantFrom(1, 2), async (payload, version) =>
        checkResult(await importProject(await fileWithPayload(payload, version))),
      ),
      { numRuns: FUZZ_RUNS },
    );
  });

  it('byte-level mutations of valid files are detected or harmless', async () => {
    const mutation = fc.record({
      kind: fc.constantFrom('flip', 'insert', 'delete', 'truncate'),
      position: fc.double({ min: 0, max: 1, noNaN: true }),
      byte: fc.integer({ min: 0, max: 255 }),
    });
    await fc.assert(
      fc.asyncProperty(
        workspaceArb,
        fc.array(mutation, { minLength: 1, maxLength: 4 }),
        async (ws, mutations) => {
          let bytes = Array.from(await exportProject(ws, { createdAt: CREATED }));
          for (const m of mutations) {
            const at = Math.min(bytes.length - 1, Math.floor(m.position * bytes.length));
            if (m.kind === 'flip') bytes[at] = m.byte;
            else if (m.kind === 'insert') bytes.splice(at, 0, m.byte);
            else if (m.kind === 'delete') bytes.splice(at, 1);
            else bytes = bytes.slice(0, at);
          }
          checkResult(await importProject(new Uint8Array(bytes)));
        },
      ),
      { numRuns: FUZZ_RUNS },
    );
  });

  it('structural edits of valid payloads, re-hashed, are validated without crashing', async () => {
    const base = JSON.parse(text(await exportProject(sampleWorkspace(), { createdAt: CREATED }))) as {
      payload: unknown;
    };
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.nat(), { minLength: 1, maxLength: 6 }),
        fc.option(fc.jsonValue({ maxDepth: 3 }), { nil: undefined }),
        async (steps, replacement) => {
          const payload = structuredClone(base.payload) as Record<string, unknown>;
          let parent: Record<string, unknown> | unknown[] = payload;
          let key: string | number = '';
          for (let i = 0; i < steps.length; i++) {
            const keys: (string | number)[] = Array.isArray(parent)
              ? parent.map((_, k) => k)
              : Object.keys(parent);
            if (keys.length === 0) break;
            key = keys[steps[i]! % keys.length]!;
            const child: unknown = (parent as Record<string | number, unknown>)[key];
            if (i === steps.length - 1 || typeof child !== 'object' || child === null) break;
            parent = child as Record<string, unknown> | unknown[];
          }
          if (key === '') return;
          if (replacement === undefined && !Array.isArray(parent))
            delete (parent as Record<string, unknown>)[key];
          else (parent as Record<string | number, unknown>)[key] = replacement ?? null;
          checkResult(await importProject(await fileWithPayload(payload, 2)));
        },
      ),
      { numRuns: FUZZ_RUNS },
    );
  });

  it('any storable workspace survives export → import identically, and re-exports byte for byte', async () => {
    await fc.assert(
      fc.asyncProperty(workspaceArb, async (ws) => {
        const first = await exportProject(ws, { createdAt: CREATED });
        const result = await importProject(first);
        checkResult(result);
        expect(result.ok).toBe(true);
        expect(firstDifference(result.workspace, ws)).toBeNull();
        expect(await exportProject(result.workspace!, { createdAt: CREATED })).toEqual(first);
      }),
      { numRuns: FUZZ_RUNS },
    );
  });
});
