/**
 * What « Envoyer mon espace local vers l'équipe » sends, and what « Travailler hors ligne sur une copie » writes.
 * A workspace (this browser's local one, or a project file) is read through the modules' own persisted sections
 * (so a section's storage format stays its own business), then each module's records are put in the server's
 * form. The copy is a project file of the team's records the user may read (the server filters them by role and
 * scope, personal data included), with the version of each record, so sending it back later tells an update of
 * the copy from a conflict with the team. Modules without a mapping to the server yet are listed, not sent.
 */
import { INVENTORY_HEADER, inventoryCells } from '../../domain/lights/exportWorkOrder.ts';
import { pointsFromRecords } from '../../domain/lights/serverRecords.ts';
import type { LightPoint } from '../../domain/lights/types.ts';
import { exportProject } from '../../io/project/format.ts';
import {
  countSectionItems,
  createEmptyWorkspace,
  isPlainObject,
  type Workspace,
} from '../../io/project/workspace.ts';
import { persistedSections } from '../../state/persist.ts';
import { restoreSection, sectionLabel } from '../../state/persistedWorkspace.ts';
import { LOCAL_WORKSPACE } from '../../state/persistence.ts';
import type { AppState } from '../../state/store.ts';
import { loadWorkspace, openWorkspaceDb } from '../../storage/db.ts';
import { readRecords, type SyncModule } from '../../storage/syncClient.ts';
import type { TransferModules, TransferRecord } from '../../storage/transferClient.ts';

/** The section a team copy carries: where it came from and the server version of each record. */
export const TEAM_COPY_SECTION = 'teamCopy';
const TEAM_COPY_VERSION = 1;

export interface TeamCopy {
  server: string;
  email: string;
  takenAt: string;
  versions: Partial<Record<SyncModule, Record<string, number>>>;
}

/** One module of a workspace: the records it sends, or why it sends none. */
export interface ModuleOffer {
  module: SyncModule | string;
  label: string;
  records: TransferRecord[];
  note: string | null;
}

export function teamCopyOf(workspace: Workspace): TeamCopy | null {
  const entry = workspace.sections[TEAM_COPY_SECTION];
  const data = isPlainObject(entry) && isPlainObject(entry.data) ? entry.data : null;
  if (!data || typeof data.server !== 'string' || !isPlainObject(data.versions)) return null;
  return data as unknown as TeamCopy;
}

/** A light point in the server's form: its inventory columns as the CSV export writes them. */
export function lightRecord(p: LightPoint, baseVersion: number | undefined): TransferRecord {
  const cells = inventoryCells(p);
  const properties: TransferRecord['properties'] = {};
  INVENTORY_HEADER.forEach((name, k) => {
    properties[name] = cells[k] ?? null;
  });
  if (p.address) properties.adresse = p.address;
  return {
    id: p.id,
    geometry: { type: 'Point', coordinates: [p.lon, p.lat] },
    properties,
    ...(baseVersion ? { baseVersion } : {}),
  };
}

/** The state patch a registered section gives for a workspace (null: absent or unreadable). */
function restored(workspace: Workspace, key: string): Partial<AppState> | null {
  const section = persistedSections().find((s) => s.key === key);
  if (!section) return null;
  const outcome = restoreSection(section, workspace.sections[key]);
  return outcome.kind === 'applied' ? outcome.patch : null;
}

/** Modules the app cannot send yet: their sections are named so nothing seems silently forgotten. */
const NOT_SHARED = ['advice', 'friches', 'dashboard'];

/**
 * The records of each module of a workspace, in the server's form. `origin`: the team server's address, so the
 * versions of a copy taken from another server are not mistaken for this one's.
 */
export function offersOf(workspace: Workspace, origin: string): ModuleOffer[] {
  const copy = teamCopyOf(workspace);
  const versions = copy && copy.server === origin ? copy.versions : {};
  const offers: ModuleOffer[] = [];
  const lights = restored(workspace, 'lights');
  if (lights?.lightPoints?.length) {
    const sample = lights.lightsSource?.kind === 'sample';
    const base = versions.lights ?? {};
    offers.push({
      module: 'lights',
      label: sectionLabel('lights'),
      records: sample ? [] : lights.lightPoints.map((p) => lightRecord(p, base[p.id])),
      note: sample ? 'données d’exemple (fictives) : elles ne sont pas envoyées.' : null,
    });
  }
  const items = countSectionItems(workspace);
  for (const key of NOT_SHARED)
    if ((items[key] ?? 0) > 0)
      offers.push({
        module: key,
        label: sectionLabel(key),
        records: [],
        note: 'pas encore partagé avec le serveur depuis l’application : reste dans ce navigateur.',
      });
  return offers;
}

export const sentModules = (offers: readonly ModuleOffer[]): TransferModules =>
  Object.fromEntries(offers.filter((o) => o.records.length > 0).map((o) => [o.module, o.records]));

/** This browser's local workspace (standalone mode's database), read without opening it for editing. */
export async function readLocalWorkspace(): Promise<
  { ok: true; workspace: Workspace | null } | { ok: false; message: string }
> {
  const opened = await openWorkspaceDb({ name: LOCAL_WORKSPACE.name });
  if (!opened.ok) return { ok: false, message: opened.message };
  try {
    const loaded = await loadWorkspace(opened.db);
    return loaded.ok ? { ok: true, workspace: loaded.workspace } : { ok: false, message: loaded.message };
  } finally {
    opened.db.close();
  }
}

/**
 * « Travailler hors ligne sur une copie »: the team's light points the user may read, as a project file that
 * standalone mode imports like any other. Returns the file's bytes and what it holds.
 */
export async function teamCopyFile(
  state: Pick<AppState, 'lightingSettings'>,
  user: { email: string },
  origin: string,
  now = new Date(),
): Promise<
  { ok: true; bytes: Uint8Array; points: number; unreadable: number } | { ok: false; message: string }
> {
  const read = await readRecords('lights', null);
  if (!read.ok) return { ok: false, message: read.message };
  const { points, unreadable } = pointsFromRecords(read.page.records);
  const section = persistedSections().find((s) => s.key === 'lights');
  if (!section) return { ok: false, message: 'Module Éclairage public non chargé.' };
  const host = new URL(origin).host;
  const data = section.pick({
    ...state,
    lightPoints: points,
    lightsSource: {
      kind: 'import',
      fileName: `copie de l’espace d’équipe (${host}, ${user.email})`,
      importedAt: now.toISOString(),
    },
  } as AppState);
  const copy: TeamCopy = {
    server: origin,
    email: user.email,
    takenAt: now.toISOString(),
    versions: { lights: Object.fromEntries(read.page.records.map((r) => [r.id, r.version])) },
  };
  const workspace = createEmptyWorkspace(now);
  workspace.sections = {
    lights: { version: section.version, data },
    [TEAM_COPY_SECTION]: { version: TEAM_COPY_VERSION, data: copy },
  };
  return {
    ok: true,
    bytes: await exportProject(workspace),
    points: points.length,
    unreadable: unreadable.length,
  };
}
