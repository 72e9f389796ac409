// @vitest-environment jsdom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { localToday } from '../../domain/advice/dates.ts';
import { makeSession } from '../../domain/advice/testSessions.ts';
import type { AdviceSession } from '../../domain/advice/types.ts';
import { useAppStore } from '../../state/store.ts';
import type { TerritoryData } from '../../state/territorySlice.ts';
import { SessionForm } from './SessionForm.tsx';
import { SessionRow } from './StatusUpdate.tsx';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const commune = (insee: string, name: string) => ({
  type: 'Feature' as const,
  geometry: { type: 'Polygon' as const, coordinates: [] },
  properties: {
    insee,
    name,
    epciSiren: '246200729',
    epciName: 'CA du Boulonnais',
    population: 1000,
    areaKm2: 1,
  },
});

const territory = {
  meta: {
    name: 'Pays Boulonnais',
    contract: { name: 'COTRI', start: '2025-01-01', end: '2027-12-31', targets: { adviceSessions: 2000 } },
    epci: [],
  },
  communes: {
    type: 'FeatureCollection',
    features: [
      commune('62893', 'Wimereux'),
      commune('62160', 'Boulogne-sur-Mer'),
      commune('62300', 'Équihen-Plage'),
      commune('62268', 'Desvres'),
    ],
  },
} as unknown as TerritoryData;

const initial = useAppStore.getState();
let container: HTMLDivElement;
let root: Root;

beforeEach(() => {
  useAppStore.setState(initial, true);
  useAppStore.setState({ territory });
  container = document.createElement('div');
  document.body.appendChild(container);
  root = createRoot(container);
});
afterEach(() => {
  act(() => root.unmount());
  container.remove();
});

const $ = <T extends Element = HTMLElement>(selector: string) => {
  const el = container.querySelector<T & Element>(selector);
  if (!el) throw new Error(`absent : ${selector}`);
  return el as T;
};

/** Sets a value the way a user does, so React's onChange sees it. */
function type(el: HTMLInputElement | HTMLSelectElement, value: string) {
  const proto = el instanceof HTMLSelectElement ? HTMLSelectElement.prototype : HTMLInputElement.prototype;
  Object.getOwnPropertyDescriptor(proto, 'value')!.set!.call(el, value);
  el.dispatchEvent(new Event(el instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }));
}

function submit() {
  act(() => $<HTMLButtonElement>('button[type="submit"]').click());
}

describe('SessionForm', () => {
  it('lists the communes by French name and shows every error on its field', () => {
    act(() => root.render(<SessionForm onCreated={() => {}} />));
    const names = [...$<HTMLSelectElement>('#advice-f-insee').options].map((o) => o.text);
    expect(names).toEqual([
      '— Choisir une commune —',
      'Boulogne-sur-Mer',
      'Desvres',
      'Équihen-Plage',
      'Wimereux',
    ]);

    submit();
    const insee = $('#advice-f-insee');
    expect(insee.getAttribute('aria-invalid')).toBe('true');
    expect(insee.getAttribute('aria-describedby')).toContain('advice-f-insee-error');
    expect($('#advice-f-insee-error').textContent).toBe('La commune est obligatoire.');
    expect($('#advice-f-channel-error').textContent).toBe('Choisissez le canal du conseil.');
    expect($('#advice-f-topics-error').textContent).toBe('Cochez au moins une thématique.');
    expect($('#advice-f-date').getAttribute('aria-invalid')).toBeNull();
    expect(container.querySelector('[role="alert"]')!.textContent).toBe(
      'Le formulaire contient 5 erreurs : corrigez les champs signalés.',
    );
    expect(document.activeElement).toBe(insee);
    expect(useAppStore.getState().adviceSessions).toEqual([]);
  });

  it('refuses a household reference that is a phone number, then records a valid session', () => {
    const onCreated = vi.fn<(s: AdviceSession) => void>();
    act(() => root.render(<SessionForm onCreated={onCreated} />));
    act(() => {
      type($('#advice-f-date'), '2026-02-10');
      type($('#advice-f-insee'), '62300');
      type($('#advice-f-channel'), 'phone');
      type($('#advice-f-householdStatus'), 'landlord');
      type($('#advice-f-dwellingType'), 'apartment');
      $<HTMLInputElement>('input[name="topics"][value="heating"]').click();
      type($('#advice-f-householdId'), '06 12 34 56 78');
      type($('#advice-f-amountEur'), '12 500,50');
    });
    submit();
    expect($('#advice-f-householdId-error').textContent).toContain('ni téléphone');
    expect(onCreated).not.toHaveBeenCalled();

    act(() => type($('#advice-f-householdId'), 'DOS-2026-17'));
    // After a first attempt, messages follow the corrections as they are typed.
    expect(container.querySelector('#advice-f-householdId-error')).toBeNull();
    submit();
    expect(onCreated).toHaveBeenCalledTimes(1);
    const session = onCreated.mock.calls[0]![0];
    expect(session).toMatchObject({
      date: '2026-02-10',
      insee: '62300',
      channel: 'phone',
      householdStatus: 'landlord',
      dwellingType: 'apartment',
      topics: ['heating'],
      householdId: 'DOS-2026-17',
      followUp: { status: 'toRemind', contacts: [], worksTypes: [], amountEur: 12500.5 },
    });
    expect(session.id).toMatch(/^CE-2026-[0-9a-f]{8}$/);
    expect(useAppStore.getState().adviceSessions).toEqual([session]);
    expect(useAppStore.getState().adviceSource?.kind).toBe('manual');
    // The form is ready for the next session.
    expect($<HTMLSelectElement>('#advice-f-insee').value).toBe('');
  });
});

describe('SessionRow (one-click follow-up)', () => {
  it('validates the date, records the contact and reports it', () => {
    const session = makeSession('S1', '2026-01-05', 'toRemind', { insee: '62893' });
    useAppStore.getState().replaceAdviceSessions([session], { kind: 'manual', updatedAt: '2026-01-05' });
    const onSaved = vi.fn<(m: string) => void>();
    const today = localToday();
    act(() =>
      root.render(
        <ul>
          <SessionRow session={session} communeName="Wimereux" today={today} onSaved={onSaved} />
        </ul>,
      ),
    );
    const [status] = container.querySelectorAll('select');
    const date = container.querySelector<HTMLInputElement>('input[type="date"]')!;
    expect(date.value).toBe(today);
    act(() => {
      type(status!, 'worksDone');
      type(date, '2025-12-01');
    });
    act(() => container.querySelector<HTMLButtonElement>('button[type="submit"]')!.click());
    expect(date.getAttribute('aria-invalid')).toBe('true');
    expect(container.textContent).toContain('La relance ne peut pas précéder le conseil (05/01/2026).');
    expect(onSaved).not.toHaveBeenCalled();

    act(() => type(date, '2026-04-02'));
    act(() => container.querySelector<HTMLButtonElement>('button[type="submit"]')!.click());
    expect(useAppStore.getState().adviceSessions[0]!.followUp).toMatchObject({
      status: 'worksDone',
      contacts: [{ date: '2026-04-02', statusAfter: 'worksDone' }],
    });
    expect(onSaved).toHaveBeenCalledWith('Conseil S1 (Wimereux) : travaux réalisés le 02/04/2026.');
  });
});
