import { useEffect, useRef, useState } from 'react';
import { currentPersistence, type PersistenceStatus, usePersistenceStatus } from '../../state/persistence.ts';
import { formatDate, formatInt } from '../format.ts';
import { Dialog } from './Dialog.tsx';
import { PersistenceBanner } from './PersistenceBanner.tsx';
import { exportCurrentProject, type ReadProjectResult, readProjectFile } from './projectFile.ts';
import './project.css';
import { agree } from '../../lib/plural.ts';
import { TeamEntryButton, TeamEntryDialog } from '../team/TeamEntry.tsx';
import { TeamTransferEntries, TeamTransferHost } from '../team/TransferMenu.tsx';

type Pending =
  | { kind: 'reset' }
  | { kind: 'import'; fileName: string; project: Extract<ReadProjectResult, { ok: true }> }
  | { kind: 'message'; title: string; lines: string[] }
  | { kind: 'working'; title: string; text: string };

const SHOWN_ERRORS = 10;

function saveLabel(status: PersistenceStatus): string {
  if (status.phase === 'starting') return 'Chargement des données enregistrées…';
  if (status.phase === 'unavailable') return 'Non enregistré : stockage du navigateur indisponible.';
  if (status.phase === 'unreadable') return 'Enregistrement désactivé : données enregistrées illisibles.';
  if (status.conflict) return 'Enregistrement suspendu : données modifiées dans un autre onglet.';
  if (status.saving || status.unsaved) return 'Enregistrement…';
  if (status.lastSavedAt) return `Enregistré dans ce navigateur ${when(status.lastSavedAt)}.`;
  return 'Enregistrement automatique dans ce navigateur.';
}

/** « à 14:02:10 » today, « le 27/11/2026 à 18:40:00 » otherwise. */
function when(iso: string): string {
  const date = new Date(iso);
  const time = `à ${date.toLocaleTimeString('fr-FR')}`;
  return date.toDateString() === new Date().toDateString()
    ? time
    : `le ${date.toLocaleDateString('fr-FR')} ${time}`;
}

/** « Projet » in the top bar: export, import, back to the sample data, storage used. */
export function ProjectMenu() {
  const status = usePersistenceStatus();
  const [open, setOpen] = useState(false);
  const [usage, setUsage] = useState<string | null>(null);
  const [pending, setPending] = useState<Pending | null>(null);
  const [teamEntry, setTeamEntry] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const root = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    let live = true;
    setUsage(null);
    void currentPersistence()
      ?.then((p) => p.usage())
      .then(
        (u) => live && setUsage(u.label),
        () => live && setUsage('Espace utilisé inconnu.'),
      );
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && setOpen(false);
    const onPointer = (e: PointerEvent) => {
      if (root.current && !root.current.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('pointerdown', onPointer);
    return () => {
      live = false;
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('pointerdown', onPointer);
    };
  }, [open]);

  const ready = status.phase !== 'starting';

  const onExport = async () => {
    setOpen(false);
    const persistence = await currentPersistence();
    const problem = persistence ? await exportCurrentProject(persistence) : 'Données pas encore chargées.';
    if (problem) setPending({ kind: 'message', title: 'Export impossible', lines: [problem] });
  };

  const onFile = async (file: File | undefined) => {
    if (fileInput.current) fileInput.current.value = '';
    if (!file) return;
    setPending({ kind: 'working', title: 'Importer un projet', text: `Lecture de ${file.name}…` });
    const project = await readProjectFile(file);
    if (project.ok) setPending({ kind: 'import', fileName: file.name, project });
    else {
      const shown = project.errors.slice(0, SHOWN_ERRORS);
      if (project.errors.length > SHOWN_ERRORS)
        shown.push(
          `… et ${formatInt(project.errors.length - SHOWN_ERRORS)} ${agree(project.errors.length - SHOWN_ERRORS, 'autre problème', 'autres problèmes')}.`,
        );
      setPending({
        kind: 'message',
        title: 'Ce fichier ne peut pas être importé',
        lines: [`${file.name} : aucune donnée n’a été modifiée.`, ...shown],
      });
    }
  };

  const run = async (title: string, text: string, action: 'import' | 'reset') => {
    const current = pending;
    setPending({ kind: 'working', title, text });
    const persistence = await currentPersistence();
    if (!persistence) return;
    const result =
      action === 'reset'
        ? await persistence.resetToSamples()
        : current?.kind === 'import'
          ? await persistence.replaceWorkspace(current.project.workspace)
          : { ok: false as const, message: 'Aucun projet à importer.' };
    // On success the page reloads (or, without storage, the data is already in place).
    setPending(result.ok ? null : { kind: 'message', title, lines: [result.message] });
  };

  return (
    <div className="project-menu" ref={root}>
      <button
        type="button"
        className="project-menu__toggle"
        aria-expanded={open}
        aria-controls="project-menu-panel"
        onClick={() => setOpen(!open)}
      >
        Projet
      </button>
      {open ? (
        <section id="project-menu-panel" className="project-menu__panel" aria-label="Projet">
          <p className="project-menu__status" data-testid="save-status" aria-live="polite">
            {saveLabel(status)}
          </p>
          <p className="project-menu__usage" data-testid="storage-usage">
            {usage ?? 'Calcul de l’espace utilisé…'}
          </p>
          <button type="button" onClick={onExport} disabled={!ready}>
            Exporter le projet
          </button>
          <button type="button" onClick={() => fileInput.current?.click()} disabled={!ready}>
            Importer un projet…
          </button>
          <button
            type="button"
            onClick={() => {
              setOpen(false);
              setPending({ kind: 'reset' });
            }}
            disabled={!ready}
          >
            Revenir aux données d’exemple
          </button>
          <TeamEntryButton
            onOpen={() => {
              setOpen(false);
              setTeamEntry(true);
            }}
          />
          <TeamTransferEntries onOpen={() => setOpen(false)} />
        </section>
      ) : null}
      <input
        ref={fileInput}
        type="file"
        accept=".json,application/json"
        className="visually-hidden"
        aria-label="Fichier de projet Atlas COTRI"
        data-testid="project-file-input"
        tabIndex={-1}
        onChange={(e) => {
          setOpen(false);
          void onFile(e.target.files?.[0]);
        }}
      />
      <PersistenceBanner />
      {teamEntry ? <TeamEntryDialog onClose={() => setTeamEntry(false)} /> : null}
      <TeamTransferHost />
      {pending ? <PendingDialog pending={pending} onClose={() => setPending(null)} run={run} /> : null}
    </div>
  );
}

function PendingDialog({
  pending,
  onClose,
  run,
}: {
  pending: Pending;
  onClose: () => void;
  run: (title: string, text: string, action: 'import' | 'reset') => void;
}) {
  if (pending.kind === 'working')
    return (
      <Dialog title={pending.title} actions={[]} onClose={() => undefined}>
        <p role="status">{pending.text}</p>
      </Dialog>
    );
  if (pending.kind === 'message')
    return (
      <Dialog
        title={pending.title}
        actions={[{ label: 'Fermer', onClick: onClose, kind: 'primary' }]}
        onClose={onClose}
      >
        <ul className="project-dialog__lines">
          {pending.lines.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      </Dialog>
    );
  if (pending.kind === 'reset')
    return (
      <Dialog
        title="Revenir aux données d’exemple ?"
        onClose={onClose}
        actions={[
          { label: 'Annuler', onClick: onClose },
          {
            label: 'Revenir aux données d’exemple',
            kind: 'danger',
            onClick: () => run('Revenir aux données d’exemple', 'Suppression des données…', 'reset'),
          },
        ]}
      >
        <p>
          Toutes les données importées ou saisies dans ce navigateur (séances de conseil, points lumineux,
          friches, réglages) seront supprimées et remplacées par les données d’exemple.
        </p>
        <p>
          <strong>Cette action est définitive.</strong> Exportez d’abord le projet si vous voulez le
          conserver.
        </p>
      </Dialog>
    );
  const { project, fileName } = pending;
  return (
    <Dialog
      title="Importer ce projet ?"
      onClose={onClose}
      actions={[
        { label: 'Annuler', onClick: onClose },
        {
          label: 'Remplacer les données',
          kind: 'danger',
          onClick: () => run('Importer un projet', 'Enregistrement du projet…', 'import'),
        },
      ]}
    >
      <p>
        <strong>{fileName}</strong>
        {project.createdAt ? `, exporté le ${formatDate(project.createdAt)}` : ''}
        {project.appVersion ? ` (Atlas COTRI ${project.appVersion})` : ''}.
      </p>
      {project.migratedFrom !== null ? (
        <p>Ce projet vient d’une version antérieure (format {project.migratedFrom}) : il a été converti.</p>
      ) : null}
      <ul className="project-dialog__lines" data-testid="project-contents">
        {project.contents.map((c) => (
          <li key={c.label}>
            {c.label} : {formatInt(c.items)} {agree(c.items, 'enregistrement', 'enregistrements')}
          </li>
        ))}
        <li>
          {project.contents.length === 0
            ? 'Aucune donnée importée ou saisie : les modules utiliseront les données d’exemple.'
            : 'Réglages et choix d’affichage des modules.'}
        </li>
      </ul>
      <p>
        Les données actuellement enregistrées dans ce navigateur seront <strong>remplacées</strong> (les
        modules absents du projet reviennent aux données d’exemple). Exportez d’abord le projet actuel si vous
        voulez le conserver.
      </p>
    </Dialog>
  );
}
