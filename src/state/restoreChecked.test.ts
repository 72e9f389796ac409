import { describe, expect, it } from 'vitest';
import { hasSectionSchema } from '../schema/sections.ts';
import { persistedSections } from './persist.ts';
import { restoreSection } from './persistedWorkspace.ts';
import './store.ts';

function section(key: string) {
  const found = persistedSections().find((s) => s.key === key);
  if (!found) throw new Error(`section ${key} not registered`);
  return found;
}

const source = { kind: 'manual', updatedAt: '2026-01-01T00:00:00.000Z' };

describe('restoring sections through their schemas', () => {
  it('every registered section has a schema', () => {
    expect(persistedSections().length).toBeGreaterThan(0);
    for (const s of persistedSections()) expect(hasSectionSchema(s.key), s.key).toBe(true);
  });

  // Finding 1: a null light point, advice session or friche site was applied and blanked the app.
  it.each([
    ['lights', { points: [null], source }, 'lights.points[0] : point nul'],
    ['advice', { sessions: [null], source }, 'advice.sessions[0] : conseil nul'],
    ['friches', { sites: [null], source }, 'friches.sites[0] : site nul'],
    ['lights', 'garbage', 'lights : objet attendu'],
    ['dashboard', { pcaetIndicators: [7] }, 'dashboard.pcaetIndicators[0] : indicateur attendu (objet)'],
  ])('keeps a bad %s section aside with its path, never applying it', (key, data, reason) => {
    const outcome = restoreSection(section(key), { version: 1, data });
    expect(outcome).toEqual({ kind: 'held', reason: expect.stringContaining(reason) });
  });

  it('still applies a valid section', () => {
    const outcome = restoreSection(section('lights'), { version: 1, data: { points: [], source } });
    expect(outcome.kind).toBe('applied');
  });
});
