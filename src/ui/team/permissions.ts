import { MODULE_DEFS, type ModuleName } from '../../server/modules.ts';
import { useAppStore } from '../../state/store.ts';

const ROLE_NAMES = { admin: 'administrateur', editor: 'éditeur', adviser: 'conseiller', viewer: 'lecteur' };

/**
 * Why the signed-in user may not edit a module (French), or null (standalone, or allowed). The server's own
 * role table decides, so the UI never offers what the API would refuse; the scope needs no check here because
 * the server only sends the records of the user's scope.
 */
export function useTeamReadOnly(module: ModuleName): string | null {
  return useAppStore((s) => {
    if (s.teamMode !== 'team' || !s.teamUser) return null;
    const def = MODULE_DEFS[module];
    return def.write.includes(s.teamUser.role)
      ? null
      : `Lecture seule : votre rôle (${ROLE_NAMES[s.teamUser.role]}) ne permet pas de modifier les ${def.label}.`;
  });
}
