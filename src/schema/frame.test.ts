import { describe, expect, it } from 'vitest';
import { sampleWorkspace } from '../../test/fixtures/project/workspaces.ts';
import { checkWorkspaceFrame, isMetaRecord, isStoredSection } from './frame.ts';
import { LISTED_ERRORS } from './issues.ts';

const reasons = (doc: unknown) => {
  const result = checkWorkspaceFrame(doc);
  return result.ok ? [] : result.errors.map((e) => `${e.path} : ${e.reason}`);
};

describe('workspace frame schema', () => {
  it('accepts the document the app writes and hands back the input itself (typed arrays untouched)', () => {
    const doc = sampleWorkspace();
    const result = checkWorkspaceFrame(doc);
    expect(result.ok && result.workspace).toBe(doc);
  });

  it('refuses a bad frame field by field, in French, with its path', () => {
    const bad = {
      ...sampleWorkspace(),
      schemaVersion: 2,
      savedAt: 'hier',
      revision: 1.5,
      edits: [],
      settings: new Date(0),
      shortlist: { siteIds: ['F-1', 7], notes: { 'F-1': null }, extra: true },
      surplus: 1,
    };
    expect(reasons(bad)).toEqual([
      'savedAt : date ISO attendue (ex. 2025-03-01T10:00:00.000Z)',
      'revision : entier positif ou nul attendu',
      'edits : objet attendu',
      // valibot's record accepts any object: a Date is refused as not plain.
      'settings : objet attendu',
      'shortlist.siteIds[1] : identifiant texte attendu',
      'shortlist.notes.F-1 : texte attendu',
      'shortlist.extra : champ inconnu',
      'surplus : champ inconnu',
    ]);
    expect(reasons(null)).toEqual([" : l'espace de travail doit être un objet"]);
    expect(reasons([sampleWorkspace()])).toEqual([" : l'espace de travail doit être un objet"]);
    const { shortlist: _s, ...noShortlist } = sampleWorkspace();
    expect(reasons(noShortlist)).toEqual(['shortlist : champ manquant']);
  });

  it('cuts a long list of problems with a count', () => {
    const bad = {
      ...sampleWorkspace(),
      shortlist: { siteIds: Array.from({ length: 30 }, (_, i) => i), notes: {} },
    };
    const listed = reasons(bad);
    expect(listed).toHaveLength(LISTED_ERRORS + 1);
    expect(listed.at(-1)).toBe(' : … et 10 autres problèmes');
  });

  it('checks the storage meta record and a stored section', () => {
    const meta = { schemaVersion: 2, savedAt: '2025-01-01T00:00:00.000Z', revision: 3, sectionKeys: ['a'] };
    expect(isMetaRecord(meta)).toBe(true);
    expect(isMetaRecord({ ...meta, empty: true, addedLater: 1 })).toBe(true);
    for (const bad of [null, 'workspace', { ...meta, sectionKeys: 'a' }, { ...meta, revision: -1 }])
      expect(isMetaRecord(bad)).toBe(false);
    expect(isStoredSection({ version: 1, data: null })).toBe(true);
    for (const bad of [{ version: 0, data: {} }, { version: 1 }, [1, 2], { version: '1', data: {} }])
      expect(isStoredSection(bad)).toBe(false);
  });
});
