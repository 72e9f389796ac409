import { beforeEach, describe, expect, it } from 'vitest';
import type { PcaetIndicator, PcaetValue } from '../domain/pcaet/types.ts';
import { cleanMapChoice, DEFAULT_DASHBOARD_MAP } from './dashboardSlice.ts';
import { persistedSections } from './persist.ts';
import { useAppStore } from './store.ts';

const initial = useAppStore.getState();
beforeEach(() => useAppStore.setState(initial, true));

const section = () => persistedSections().find((s) => s.key === 'dashboard')!;

const ges: PcaetIndicator = {
  id: 'ges',
  name: 'Émissions de GES',
  unit: 'ktCO2e',
  direction: 'down',
  target: { value: 500, date: '2030-12-31' },
  level: 'territory',
};
const value = (date: string, v: number): PcaetValue => ({
  indicatorId: 'ges',
  date,
  type: 'value',
  value: v,
  place: null,
});

describe('dashboard slice', () => {
  it('keeps valid map choices and refuses out-of-range ones field by field', () => {
    const { setDashboardMap } = useAppStore.getState();
    setDashboardMap({ method: 'jenks', classes: 7, palette: 'Greens', level: 'epci' });
    expect(useAppStore.getState().dashboardMap).toMatchObject({
      method: 'jenks',
      classes: 7,
      palette: 'Greens',
      level: 'epci',
    });
    setDashboardMap({ classes: 9, palette: 'Rainbow' as never, method: 'kmeans' as never });
    expect(useAppStore.getState().dashboardMap).toMatchObject({
      method: 'jenks',
      classes: 7,
      palette: 'Greens',
    });
    setDashboardMap({ classes: 2.5 });
    expect(useAppStore.getState().dashboardMap.classes).toBe(7);
  });

  it('drops the values of a removed PCAET indicator and moves the map off it', () => {
    const s = useAppStore.getState();
    s.addPcaetIndicator(ges);
    s.setPcaetValues([value('2024-01-01', 700)]);
    s.setDashboardMap({ indicator: 'pcaet:ges' });
    useAppStore.getState().removePcaetIndicator('ges');
    const after = useAppStore.getState();
    expect(after.pcaetIndicators).toEqual([]);
    expect(after.pcaetValues).toEqual([]);
    expect(after.dashboardMap.indicator).toBe(DEFAULT_DASHBOARD_MAP.indicator);
  });

  it('starts presentation mode on the first view', () => {
    const s = useAppStore.getState();
    s.setPresentationView(3);
    s.setPresentation(true);
    expect(useAppStore.getState()).toMatchObject({ presentationOn: true, presentationView: 0 });
  });

  it('persists user choices and raw PCAET data, not the presentation state', () => {
    const s = useAppStore.getState();
    s.addPcaetIndicator(ges);
    s.setPcaetValues([value('2024-01-01', 700)]);
    s.setDashboardMap({ indicator: 'adviceSessionsPer1000', method: 'equalInterval' });
    s.setPresentation(true);
    const stored = JSON.parse(JSON.stringify(section().pick(useAppStore.getState())));
    expect(stored).not.toHaveProperty('presentationOn');
    useAppStore.setState(initial, true);
    useAppStore.setState(section().apply(stored, 1));
    const restored = useAppStore.getState();
    expect(restored.dashboardMap).toMatchObject({
      indicator: 'adviceSessionsPer1000',
      method: 'equalInterval',
    });
    expect(restored.pcaetIndicators).toEqual([ges]);
    expect(restored.pcaetValues).toEqual([value('2024-01-01', 700)]);
    expect(restored.presentationOn).toBe(false);
  });

  it('restores only well-formed data from a tampered store', () => {
    const patch = section().apply(
      {
        map: { indicator: 42, classes: 99, method: 'manual', manualBreaks: [0, 'x'] },
        pcaetIndicators: [ges, { id: '', name: '', unit: '' }, null],
        pcaetValues: [
          value('2024-01-01', 1),
          value('2024-02-30', 2),
          { ...value('2024-03-01', 3), indicatorId: 'x' },
        ],
      } as never,
      1,
    );
    expect(patch.dashboardMap).toEqual({ ...DEFAULT_DASHBOARD_MAP, method: 'manual' });
    expect(patch.pcaetIndicators).toEqual([ges]);
    expect(patch.pcaetValues).toEqual([value('2024-01-01', 1)]);
  });

  it('cleanMapChoice accepts manual breaks of finite numbers only', () => {
    expect(
      cleanMapChoice({ manualBreaks: [0, 1, Number.NaN, 3] }, DEFAULT_DASHBOARD_MAP).manualBreaks,
    ).toEqual(DEFAULT_DASHBOARD_MAP.manualBreaks);
    expect(cleanMapChoice({ manualBreaks: [0, 10, 20, 30] }, DEFAULT_DASHBOARD_MAP).manualBreaks).toEqual([
      0, 10, 20, 30,
    ]);
  });
});
