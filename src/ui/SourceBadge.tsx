import type { DataSource } from '../state/persist.ts';
import { formatDate } from './format.ts';

/** Always visible next to module figures: sample data must never pass for the territory's real data. */
export function SourceBadge({ source }: { source: DataSource | null | undefined }) {
  if (!source) return null;
  if (source.kind === 'sample')
    return (
      <span className="sample-badge" data-testid="sample-badge" title="Jeu de données généré, fictif">
        Données d’exemple
      </span>
    );
  if (source.kind === 'import')
    return (
      <span className="source-badge" title={`Importé le ${formatDate(source.importedAt)}`}>
        Fichier : {source.fileName}
      </span>
    );
  return <span className="source-badge">Saisie manuelle ({formatDate(source.updatedAt)})</span>;
}
