import { create } from 'zustand';
import { PROJECT_EXTENSION, PROJECT_MIME } from '../../io/project/format.ts';
import { agree } from '../../lib/plural.ts';
import { useAppStore } from '../../state/store.ts';
import { useTeamSync } from '../../state/teamSync.ts';
import { downloadBlob } from '../download.ts';
import { formatInt } from '../format.ts';
import { Dialog } from '../project/Dialog.tsx';
import { TransferDialog } from './TransferDialog.tsx';
import { teamCopyFile } from './transferSources.ts';

type Open = { kind: 'send' } | { kind: 'message'; title: string; lines: string[] } | null;

/** The open dialog lives outside the menu's panel, which closes (unmounts) when an entry is chosen. */
const useTransferUi = create<{ open: Open }>()(() => ({ open: null }));
const setOpen = (open: Open) => useTransferUi.setState({ open });

/**
 * Team mode's entries of « Projet »: « Envoyer mon espace local vers l'équipe… » (merge preview, then one
 * transaction) and « Travailler hors ligne sur une copie » (the team's data the user may read, as a project file
 * that standalone mode imports). Nothing in standalone mode: there is no team to send to.
 */
export function TeamTransferEntries({ onOpen }: { onOpen: () => void }) {
  const user = useAppStore((s) => (s.teamMode === 'team' ? s.teamUser : null));
  if (!user) return null;

  const copy = async () => {
    onOpen();
    setOpen({
      kind: 'message',
      title: 'Copie de travail hors ligne',
      lines: ['Lecture des données de l’équipe…'],
    });
    const state = useAppStore.getState();
    const file = await teamCopyFile(state, user, window.location.origin);
    if (!file.ok) return setOpen({ kind: 'message', title: 'Copie impossible', lines: [file.message] });
    const day = new Date().toISOString().slice(0, 10);
    downloadBlob(
      new Blob([file.bytes as BlobPart], { type: PROJECT_MIME }),
      `atlas-cotri-copie-equipe-${day}${PROJECT_EXTENSION}`,
    );
    const pending = useTeamSync.getState().pending;
    setOpen({
      kind: 'message',
      title: 'Copie de travail hors ligne',
      lines: [
        `Fichier de projet enregistré : ${formatInt(file.points)} ${agree(file.points, 'point lumineux', 'points lumineux')} de votre périmètre, avec la version de chacun.`,
        ...(file.unreadable > 0
          ? [
              `${formatInt(file.unreadable)} ${agree(file.unreadable, 'point illisible', 'points illisibles')} par l’application ne ${file.unreadable > 1 ? 'sont' : 'est'} pas dans la copie.`,
            ]
          : []),
        ...(pending > 0
          ? [
              `${formatInt(pending)} ${agree(pending, 'modification', 'modifications')} en attente d’envoi ne ${pending > 1 ? 'sont' : 'est'} pas dans la copie.`,
            ]
          : []),
        'Pour travailler dessus : « Projet → Espace d’équipe → Travailler en local », puis « Projet → Importer un projet… ». Au retour, « Envoyer mon espace local vers l’équipe » distingue vos modifications des conflits avec l’équipe.',
      ],
    });
  };

  return (
    <>
      <button
        type="button"
        onClick={() => {
          onOpen();
          setOpen({ kind: 'send' });
        }}
      >
        Envoyer mon espace local vers l’équipe…
      </button>
      <button type="button" onClick={() => void copy()}>
        Travailler hors ligne sur une copie
      </button>
    </>
  );
}

/** The dialogs of the entries above (rendered by the project menu next to its own). */
export function TeamTransferHost() {
  const open = useTransferUi((s) => s.open);
  return (
    <>
      {open?.kind === 'send' ? <TransferDialog onClose={() => setOpen(null)} /> : null}
      {open?.kind === 'message' ? (
        <Dialog
          title={open.title}
          actions={[{ label: 'Fermer', kind: 'primary', onClick: () => setOpen(null) }]}
          onClose={() => setOpen(null)}
        >
          <ul className="project-dialog__lines" data-testid="team-copy-result">
            {open.lines.map((l) => (
              <li key={l}>{l}</li>
            ))}
          </ul>
        </Dialog>
      ) : null}
    </>
  );
}
