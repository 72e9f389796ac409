import { useId } from 'react';
import { plural } from '../../domain/choropleth/format.ts';
import { IMPORT_MODE_LABELS, type ImportMode, type ImportPlan } from '../../domain/importModes.ts';
import { agree } from '../../lib/plural.ts';
import { formatInt } from '../format.ts';

const MODE_HELP: Record<ImportMode, string> = {
  merge:
    'les enregistrements sont reconnus par leur identifiant : les nouveaux sont ajoutés, ceux qui ont changé sont mis à jour, les autres restent tels quels.',
  add: 'les enregistrements du fichier s’ajoutent aux données actuelles ; un identifiant déjà présent n’est pas ajouté deux fois.',
  replace: 'les données actuelles sont remplacées par celles du fichier.',
};

const SHOWN_CONFLICTS = 10;

/**
 * The import mode and its preview, before « Valider l’import »: what will be added, updated, left unchanged,
 * kept in conflict (changed both in the app and in the file since the last import: the app's version stays)
 * or removed. Validation applies exactly this plan.
 */
export function ModeStep({
  modes,
  mode,
  onMode,
  plan,
  unit,
  keptLabel,
  noIds,
  noIdsReason = 'le fichier n’a pas de colonne d’identifiant',
  skippedReason = 'identifiant déjà présent',
  feminine = false,
}: {
  modes: readonly ImportMode[];
  mode: ImportMode;
  onMode: (mode: ImportMode) => void;
  plan: ImportPlan<unknown>;
  unit: readonly [string, string];
  keptLabel?: string;
  /** The file has no identifiers of its own: why « Mettre à jour » is not offered. */
  noIds: boolean;
  /** Why, in French, after « n’est pas proposé : ». */
  noIdsReason?: string;
  /** Why a line of the file is not added in « Ajouter ». */
  skippedReason?: string;
  /** The unit is feminine (« valeur ») : participles agree with it. */
  feminine?: boolean;
}) {
  const name = useId();
  const [one, many] = unit;
  const count = (n: number) => plural(n, one, many);
  // Masculine and feminine singular; the plural adds an s (agree: 0 and 1 are singular in French).
  const agreed = (n: number, masculine: string, feminineForm: string) =>
    agree(n, feminine ? feminineForm : masculine);
  return (
    <fieldset className="import-modes" data-testid="import-modes">
      <legend>Que faire des données actuelles ?</legend>
      {modes.map((m) => (
        <label key={m} className="import-modes__choice">
          <input type="radio" name={name} value={m} checked={m === mode} onChange={() => onMode(m)} />{' '}
          <strong>{IMPORT_MODE_LABELS[m]}</strong> : {MODE_HELP[m]}
        </label>
      ))}
      {noIds ? (
        <p className="import-muted import-small">
          « {IMPORT_MODE_LABELS.merge} » n’est pas proposé : {noIdsReason}.
        </p>
      ) : null}
      <ul className="import-counts" aria-label="Aperçu de l’import" data-testid="import-plan">
        <li className="import-counts__ok" data-testid="import-plan-added" data-count={plan.added}>
          {count(plan.added)} {agreed(plan.added, 'ajouté', 'ajoutée')}
        </li>
        {mode === 'merge' ? (
          <li data-testid="import-plan-updated" data-count={plan.updated}>
            {count(plan.updated)} mis à jour
          </li>
        ) : null}
        {mode === 'merge' ? (
          <li data-testid="import-plan-unchanged" data-count={plan.unchanged}>
            {count(plan.unchanged)} {agreed(plan.unchanged, 'inchangé', 'inchangée')}
          </li>
        ) : mode === 'replace' && plan.unchanged > 0 ? (
          <li data-testid="import-plan-unchanged" data-count={plan.unchanged}>
            {plural(plan.unchanged, 'enregistrement conservé', 'enregistrements conservés')} (
            {keptLabel ?? 'protégés'})
          </li>
        ) : null}
        {mode === 'add' ? (
          <li data-testid="import-plan-skipped" data-count={plan.skipped}>
            {plural(plan.skipped, 'ligne du fichier ignorée', 'lignes du fichier ignorées')} ({skippedReason})
          </li>
        ) : null}
        {mode === 'merge' ? (
          <li
            className={plan.conflicting > 0 ? 'import-counts__ko' : undefined}
            data-testid="import-plan-conflicting"
            data-count={plan.conflicting}
          >
            {plural(plan.conflicting, 'conflit', 'conflits')}
            {plan.conflicting > 0 ? ' (la version de l’application est conservée)' : ''}
          </li>
        ) : null}
        {mode === 'replace' ? (
          <li
            className={plan.removed > 0 ? 'import-counts__ko' : undefined}
            data-testid="import-plan-removed"
            data-count={plan.removed}
          >
            {count(plan.removed)} {agreed(plan.removed, 'actuel', 'actuelle')}{' '}
            {agreed(plan.removed, 'supprimé', 'supprimée')}
          </li>
        ) : null}
      </ul>
      {plan.conflicts.length > 0 ? (
        <div className="import-warning" role="alert" data-testid="import-conflicts">
          Modifiés à la fois dans l’application et dans le fichier depuis le dernier import :{' '}
          {plan.conflicts
            .slice(0, SHOWN_CONFLICTS)
            .map((c) => c.id)
            .join(', ')}
          {plan.conflicts.length > SHOWN_CONFLICTS
            ? ` et ${formatInt(plan.conflicts.length - SHOWN_CONFLICTS)} autres`
            : ''}
          . La version de l’application est gardée ; modifiez-les à la main si le fichier a raison.
        </div>
      ) : null}
    </fieldset>
  );
}
