import { formatInt } from '../format.ts';

/**
 * Rows read out of the total, as an accessible progress bar; then the module's own checks. Only the phase
 * is announced to screen readers (the counts change several times a second; the bar carries them).
 */
export function ProgressStep({
  fileName,
  done,
  total,
  phase,
}: {
  fileName: string;
  done: number;
  total: number;
  phase: 'engine' | 'module';
}) {
  const max = Math.max(1, total);
  const value = Math.min(done, max);
  const percent = Math.round((value / max) * 100);
  // In the module phase the same bar counts the rows checked (mapped in the worker), then the points received.
  const unit = phase === 'module' ? 'lignes vérifiées' : 'lignes lues';
  const label =
    phase === 'module'
      ? 'Vérification des données du module…'
      : done >= total && total > 0
        ? 'Reprojection et rattachement aux communes…'
        : `Lecture de ${fileName}…`;
  return (
    <div className="import-step" data-testid="import-progress">
      <p aria-live="polite">{label}</p>
      <div
        className="import-progress"
        role="progressbar"
        aria-label="Lignes lues"
        aria-valuemin={0}
        aria-valuemax={max}
        aria-valuenow={value}
        aria-valuetext={`${formatInt(value)} ${unit} sur ${formatInt(total)}`}
      >
        <div className="import-progress__bar" style={{ width: `${percent}%` }} />
      </div>
      <p className="import-muted">
        {done > 0
          ? `${formatInt(value)} ${unit} sur ${formatInt(total)} (${percent} %)`
          : 'Démarrage de la lecture…'}
      </p>
    </div>
  );
}
