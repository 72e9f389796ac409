// @vitest-environment jsdom
import { beforeEach, describe, expect, it } from 'vitest';
import { testData } from '../../../domain/indicators/testData.ts';
import { contractDashboard } from '../../../domain/indicators/trajectory.ts';
import type { Dataset } from '../../../domain/indicators/types.ts';
import { DEFAULT_DASHBOARD_MAP } from '../../../state/dashboardSlice.ts';
import { useAppStore } from '../../../state/store.ts';
import type { DatasetStatus } from '../data.ts';
import { enterPresentation, presentationKey } from './control.ts';
import { territoryValue, viewContent } from './figures.ts';
import { PRESENTATION_VIEWS, viewChoice } from './views.ts';

const initial = useAppStore.getState();
beforeEach(() => useAppStore.setState(initial, true));

function press(key: string, target: EventTarget = document.body): boolean {
  const event = new KeyboardEvent('keydown', { key, cancelable: true, bubbles: true });
  Object.defineProperty(event, 'target', { value: target });
  return presentationKey(event) && event.defaultPrevented;
}

const status = (loaded: Partial<Record<Dataset, boolean>>): Record<Dataset, DatasetStatus> => {
  const one = (id: Dataset): DatasetStatus => ({ id, label: id, loaded: loaded[id] ?? true, source: null });
  return { lights: one('lights'), advice: one('advice'), brownfields: one('brownfields') };
};

const viewById = (id: string) => PRESENTATION_VIEWS.find((v) => v.id === id)!;

describe('presentation mode', () => {
  it('goes through the six views in order with clicker keys, stops at both ends, leaves with Escape', () => {
    enterPresentation();
    const view = () => useAppStore.getState().presentationView;
    expect(useAppStore.getState().presentationOn).toBe(true);
    expect(press('ArrowRight')).toBe(true);
    expect(view()).toBe(1);
    press(' ');
    press('PageDown');
    press('ArrowRight');
    expect(view()).toBe(4);
    press('ArrowDown');
    expect(view()).toBe(5);
    press('ArrowRight');
    expect(view()).toBe(5);
    press('PageUp');
    expect(view()).toBe(4);
    press('Home');
    expect(view()).toBe(0);
    press('ArrowLeft');
    expect(view()).toBe(0);
    press('End');
    expect(view()).toBe(PRESENTATION_VIEWS.length - 1);
    expect(press('a')).toBe(false);
    press('Escape');
    expect(useAppStore.getState().presentationOn).toBe(false);
  });

  it('leaves keys typed in a field alone', () => {
    enterPresentation();
    const input = document.createElement('input');
    document.body.append(input);
    expect(press('ArrowRight', input)).toBe(false);
    expect(useAppStore.getState().presentationView).toBe(0);
  });

  it('keeps the user classification on every view, manual breaks only on their own indicator', () => {
    const base = {
      ...DEFAULT_DASHBOARD_MAP,
      method: 'manual' as const,
      indicator: 'lightsRenovatedShare',
      classes: 4,
    };
    const lights = viewChoice(viewById('lights'), base);
    const advice = viewChoice(viewById('advice'), base);
    expect(lights).toMatchObject({ indicator: 'lightsRenovatedShare', method: 'manual', level: 'commune' });
    expect(advice).toMatchObject({ indicator: 'adviceSessionsPer1000', method: 'quantile', classes: 4 });
  });

  it('shows no figure for a module without data, and says so', () => {
    const data = testData({ brownfields: null });
    const content = viewContent(
      viewById('shortlist'),
      data,
      status({ brownfields: false }),
      contractDashboard(data),
    );
    expect(content.figures).toEqual([]);
    expect(content.shortlist).toBeNull();
    expect(content.missing.map((m) => m.id)).toEqual(['brownfields']);
  });

  it('lists the validated shortlist, or labels the automatic proposal as not validated', () => {
    const data = testData();
    const pinned = viewContent(viewById('shortlist'), data, status({}), contractDashboard(data));
    expect(pinned.shortlist).toEqual({
      validated: true,
      items: [
        { name: 'Ancienne sucrerie', commune: 'Alpha', score: '72 / 100' },
        { name: 'Entrepôt', commune: 'Charlie', score: 'non noté' },
      ],
    });
    const unpinned = testData({
      brownfields: { sites: data.brownfields!.sites.map((s) => ({ ...s, shortlisted: false })), proposed: 3 },
    });
    const proposal = viewContent(viewById('shortlist'), unpinned, status({}), contractDashboard(unpinned));
    expect(proposal.shortlist?.validated).toBe(false);
    expect(proposal.shortlist?.items.map((i) => i.name)).toEqual(['Ancienne sucrerie', 'Garage']);
  });

  it('has a trajectory view after the summary, with the dated targets only', () => {
    expect(PRESENTATION_VIEWS.map((v) => v.id)).toEqual([
      'summary',
      'trajectory',
      'lights',
      'advice',
      'brownfields',
      'shortlist',
    ]);
    const data = testData();
    const content = viewContent(viewById('trajectory'), data, status({}), contractDashboard(data));
    expect(content.figures.map((f) => f.label)).toEqual(
      contractDashboard(data)
        .targets.filter((t) => t.trajectory !== null)
        .map((t) => t.label),
    );
    expect(content.figures.length).toBeGreaterThan(0);
  });

  it('computes territory figures as ratios of sums', () => {
    // 53 sessions for 20,000 inhabitants.
    expect(territoryValue('adviceSessionsPer1000', testData())).toBeCloseTo(2.65);
    expect(territoryValue('lightsKwhSaved', testData())).toBe(21000);
  });
});
