import type { AppState } from '../../state/store.ts';
import type { TeamScope, TeamUser } from '../../storage/teamClient.ts';

/** A role in French, as the header and the admin page show it. */
export const ROLE_LABELS: Record<TeamUser['role'], string> = {
  admin: 'administrateur',
  editor: 'éditeur',
  adviser: 'conseiller',
  viewer: 'lecteur',
};

/** « tout le territoire », the EPCI or commune names of the scope, or the adviser's structure. */
export function scopeLabelOf(scope: TeamScope, territory: AppState['territory']): string {
  const names: string[] = [];
  for (const siren of scope.epci ?? [])
    names.push(territory?.epci.features.find((f) => f.properties.siren === siren)?.properties.name ?? siren);
  for (const insee of scope.communes ?? [])
    names.push(
      territory?.communes.features.find((f) => f.properties.insee === insee)?.properties.name ?? insee,
    );
  if (scope.structure) names.push(`structure ${scope.structure}`);
  return scope.all || names.length === 0 ? 'tout le territoire' : names.join(', ');
}
