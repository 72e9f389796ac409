import { type FormEvent, useState } from 'react';
import { useAppStore } from '../../state/store.ts';

/** Maturity of the conversion rate and the reminder schedule: the two settings issue 5 makes configurable. */
export function AdviceSettingsForm() {
  const settings = useAppStore((s) => s.adviceSettings);
  const save = useAppStore((s) => s.setAdviceSettings);
  const [maturity, setMaturity] = useState(String(settings.maturityMonths));
  const [offsets, setOffsets] = useState(settings.reminderOffsets.join(', '));
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState('');

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const months = Number(maturity.trim());
    const steps = offsets
      .split(/[,;\s]+/)
      .filter(Boolean)
      .map(Number);
    if (!Number.isInteger(months) || months < 0 || months > 60) {
      setError('Maturité : nombre entier de mois entre 0 et 60.');
      return;
    }
    if (steps.length === 0 || steps.some((s) => !Number.isInteger(s) || s <= 0 || s > 120)) {
      setError('Relances : nombres entiers de mois séparés par des virgules, par exemple « 3, 6, 12 ».');
      return;
    }
    setError(null);
    save({ maturityMonths: months, reminderOffsets: steps });
    const clean = useAppStore.getState().adviceSettings;
    setOffsets(clean.reminderOffsets.join(', '));
    setDone('Paramètres enregistrés.');
  };

  return (
    <details className="advice-settings">
      <summary>Paramètres du suivi</summary>
      <form onSubmit={submit}>
        <label htmlFor="advice-maturity">Maturité d’un conseil pour le taux de passage à l’acte (mois)</label>
        <input
          id="advice-maturity"
          inputMode="numeric"
          value={maturity}
          onChange={(e) => setMaturity(e.target.value)}
          aria-invalid={error?.startsWith('Maturité') ? true : undefined}
          aria-describedby={error ? 'advice-settings-error' : undefined}
        />
        <label htmlFor="advice-offsets">Relances après le conseil (mois)</label>
        <input
          id="advice-offsets"
          value={offsets}
          onChange={(e) => setOffsets(e.target.value)}
          aria-invalid={error?.startsWith('Relances') ? true : undefined}
          aria-describedby={error ? 'advice-settings-error' : undefined}
        />
        <button type="submit">Appliquer</button>
        {error ? (
          <p id="advice-settings-error" className="field-error">
            {error}
          </p>
        ) : null}
        <p role="status" className="saved">
          {done}
        </p>
      </form>
    </details>
  );
}
