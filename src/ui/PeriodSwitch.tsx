import { PERIOD_SCOPES, periodLabel } from '../domain/period.ts';
import { useAppStore } from '../state/store.ts';

/**
 * The visible switch of the one period rule (domain/period.ts): every contract figure of the dashboard,
 * the advice and the lighting panels follows it and prints its scope.
 */
export function PeriodSwitch() {
  const scope = useAppStore((s) => s.periodScope);
  const setScope = useAppStore((s) => s.setPeriodScope);
  return (
    <fieldset className="period-switch" data-testid="period-switch">
      <legend>Période des chiffres</legend>
      {PERIOD_SCOPES.map((s) => (
        <label key={s}>
          <input
            type="radio"
            name="period-scope"
            value={s}
            checked={scope === s}
            onChange={() => setScope(s)}
            data-testid={`period-${s}`}
          />{' '}
          {s === 'contract' ? 'Dans la période du contrat' : 'Toutes dates'}
        </label>
      ))}
      <span className="visually-hidden" aria-live="polite">
        Chiffres {periodLabel(scope)}
      </span>
    </fieldset>
  );
}
