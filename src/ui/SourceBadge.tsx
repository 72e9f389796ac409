import { MIXED_LABEL, SAMPLE_LABEL, type ShownSource } from '../state/sourceState.ts';
import { formatDate } from './format.ts';

/**
 * Always visible next to module figures: sample data must never pass for the territory's real data, nor the
 * user's records for sample ones. With the sample and the user's records together, `onDropSample` (where the
 * module's own panel offers it) removes the sample and keeps the user's records.
 */
export function SourceBadge({
  source,
  onDropSample,
}: {
  source: ShownSource | null | undefined;
  onDropSample?: () => void;
}) {
  if (!source) return null;
  if (source.kind === 'sample')
    return (
      <span className="sample-badge" data-testid="sample-badge" title="Jeu de données généré, fictif">
        {SAMPLE_LABEL}
      </span>
    );
  if (source.kind === 'mixed') {
    const n = source.userCount;
    const title =
      n === undefined
        ? 'Chiffres combinant des données d’exemple (fictives) et vos données'
        : `${n.toLocaleString('fr-FR')} ${n > 1 ? 'enregistrements saisis' : 'enregistrement saisi'} par vous, ajoutés aux données d’exemple (fictives)`;
    return (
      <>
        <span className="sample-badge" data-testid="mixed-badge" title={title}>
          {MIXED_LABEL}
        </span>
        {onDropSample ? (
          <button type="button" className="link-button" data-testid="drop-sample" onClick={onDropSample}>
            Retirer les données d’exemple
          </button>
        ) : null}
      </>
    );
  }
  if (source.kind === 'import')
    return (
      <span className="source-badge" title={`Importé le ${formatDate(source.importedAt)}`}>
        Fichier : {source.fileName}
      </span>
    );
  if (source.kind === 'team')
    return (
      <span
        className="source-badge"
        data-testid="team-badge"
        title={`Enregistrements partagés de l’espace d’équipe, chargés du serveur le ${formatDate(source.syncedAt)} et tenus à jour en direct`}
      >
        Espace d’équipe
      </span>
    );
  return <span className="source-badge">Saisie manuelle ({formatDate(source.updatedAt)})</span>;
}
