/**
 * Turns an imported table (the import engine's ImportResult, kind 'advice') into advice sessions.
 * Nothing is lost: every row becomes a session or a French error with its spreadsheet row number, and
 * tolerable oddities (blank channel, unknown topic) are kept and summarised in warnings.
 */
import { type ImportTable, tableFromImport } from '../../io/import/table.ts';
import type { ImportResult, RowError } from '../../io/types.ts';
import { ABSENT, Notes, readEnum, readHistory, readList } from './cells.ts';
import {
  ADVICE_COLUMN_LABELS,
  type AdviceColumnField,
  type AdviceColumnMapping,
  detectAdviceColumns,
} from './columns.ts';
import { type CommuneRef, createCommuneResolver } from './communes.ts';
import { formatFrenchDate, readAdviceDate } from './dates.ts';
import { decidePersonalColumns, freeTextScan, opaqueHouseholdId, personalDataInText } from './privacy.ts';
import { readAdviceNumber } from './text.ts';
import {
  type AdviceSession,
  type AdviceTopic,
  CHANNEL_LABELS,
  DWELLING_TYPE_LABELS,
  type FollowUp,
  HOUSEHOLD_STATUS_LABELS,
  type WorksType,
} from './types.ts';
import {
  readChannel,
  readDwellingType,
  readFollowUpStatus,
  readHouseholdStatus,
  readTopic,
  readWorksType,
} from './vocabulary.ts';

export interface AdviceMappingOptions {
  communes: readonly CommuneRef[];
  /** Keep name/phone/address columns in `extra` (off by default, RGPD). */
  keepPersonalColumns?: boolean;
  /** Sessions dated after this day are rejected (the form's "no future date" rule). */
  asOf?: string;
  /** The user's column choices; the rest is detected. */
  columns?: AdviceColumnMapping;
  /** HMAC key of household pseudonyms (hex), kept outside the workspace: see src/storage/pseudonymKey.ts. */
  pseudonymKey?: string;
  /** Prefix of ids made up for rows without one (default `import-`). */
  idPrefix?: string;
}

export interface AdviceMappingResult {
  ok: boolean;
  /** Data rows of the file: sessions + errors (rows rejected by the import engine included). */
  rows: number;
  sessions: AdviceSession[];
  /** Sorted by row. */
  errors: RowError[];
  warnings: string[];
  columns: AdviceColumnMapping;
  personalColumns: string[];
  personalColumnsKept: boolean;
  /** Free-text values dropped because they held an e-mail, a phone number or a postal address. */
  personalValuesDropped?: number;
}

/** The generic import table (see src/io/import/table.ts). */
export type AdviceTable = ImportTable;
export type { tableFromImport };

const MISSING_REQUIRED_COLUMN =
  "Aucune colonne de date du conseil trouvée (attendue : « date_conseil » ou « date ») : associez-la dans l'étape de correspondance des colonnes.";

const SAFE_ID = /^[\w.-]{1,40}$/;

export function mapAdviceTable(table: AdviceTable, options: AdviceMappingOptions): AdviceMappingResult {
  const privacy = decidePersonalColumns(table.fields, options);
  const readable = privacy.fields;
  const columns = detectAdviceColumns(readable, options.columns);
  const resolver = createCommuneResolver(options.communes);
  const warnings: string[] = privacy.warning ? [privacy.warning] : [];
  const errors: RowError[] = [];
  const sessions: AdviceSession[] = [];
  const notes = new Notes();
  // Unmapped columns are kept as free text: scanned so no phone, e-mail or address is stored.
  const freeText = freeTextScan();
  const seenIds = new Map<string, number>();
  const mapped = new Set(Object.values(columns));
  const extraFields = readable.filter((f) => !mapped.has(f));
  const col = (i: number, field: AdviceColumnField) => {
    const source = columns[field];
    return source ? table.get(i, source) : null;
  };
  const optionalCol = (i: number, field: AdviceColumnField) => (columns[field] ? col(i, field) : ABSENT);
  const absent = (['channel', 'householdStatus', 'dwellingType'] as const).filter((f) => !columns[f]);
  if (absent.length > 0 && table.count > 0)
    warnings.push(
      `Colonne${absent.length > 1 ? 's' : ''} absente${absent.length > 1 ? 's' : ''} : ${absent
        .map((f) => `« ${ADVICE_COLUMN_LABELS[f]} »`)
        .join(', ')} — valeur enregistrée « non renseigné » pour tous les conseils.`,
    );

  if (!columns.date) {
    for (let i = 0; i < table.count; i++)
      errors.push({ row: table.rowOf(i), reason: 'date du conseil absente' });
    return {
      ok: false,
      rows: table.count,
      sessions,
      errors,
      warnings: [MISSING_REQUIRED_COLUMN, ...warnings],
      columns,
      personalColumns: privacy.personal,
      personalColumnsKept: privacy.kept,
    };
  }

  for (let i = 0; i < table.count; i++) {
    const row = table.rowOf(i);
    const reject = (reason: string) => {
      notes.discard();
      errors.push({ row, reason });
    };

    const dateCell = col(i, 'date');
    const date = readAdviceDate(dateCell);
    if (!dateCell) {
      reject('date du conseil manquante');
      continue;
    }
    if (!date) {
      reject(`date du conseil « ${dateCell} » illisible (format attendu jj/mm/aaaa)`);
      continue;
    }
    if (options.asOf && date > options.asOf) {
      reject(`date du conseil ${formatFrenchDate(date)} dans le futur`);
      continue;
    }

    const inseeCell = col(i, 'insee');
    const nameCell = col(i, 'communeName');
    const fromPoint = table.inseeOf?.(i) ?? null;
    const commune =
      !inseeCell && !nameCell && fromPoint
        ? { ok: true as const, insee: fromPoint }
        : resolver.resolve(inseeCell, nameCell);
    if (!commune.ok) {
      reject(commune.reason);
      continue;
    }

    const channel = readEnum(optionalCol(i, 'channel'), readChannel, CHANNEL_LABELS, 'Canal', notes, row);
    const householdStatus = readEnum(
      optionalCol(i, 'householdStatus'),
      readHouseholdStatus,
      HOUSEHOLD_STATUS_LABELS,
      "Statut d'occupation",
      notes,
      row,
    );
    const dwellingType = readEnum(
      optionalCol(i, 'dwellingType'),
      readDwellingType,
      DWELLING_TYPE_LABELS,
      'Type de logement',
      notes,
      row,
    );
    const statusCell = col(i, 'status');
    const status = readFollowUpStatus(statusCell);
    const invalid = [channel, householdStatus, dwellingType].find((v) => typeof v === 'object');
    if (invalid && typeof invalid === 'object') {
      reject(invalid.error);
      continue;
    }
    if (status === null) {
      reject(`statut de suivi « ${statusCell} » non reconnu`);
      continue;
    }

    const idCell = col(i, 'id');
    const id = idCell ?? `${options.idPrefix ?? 'import-'}${row}`;
    const firstRow = seenIds.get(id);
    if (firstRow !== undefined) {
      reject(`identifiant « ${id} » en double (déjà utilisé ligne ${firstRow})`);
      continue;
    }
    seenIds.set(id, row);

    const history = readHistory(col(i, 'contactHistory'), status ?? 'toRemind');
    if (history.bad.length > 0) notes.add('Relance illisible ignorée dans l’historique', row);
    let contacts = history.contacts;
    const lastCell = col(i, 'lastContactDate');
    if (contacts.length === 0 && lastCell) {
      const last = readAdviceDate(lastCell);
      if (last) contacts = [{ date: last, statusAfter: status ?? 'toRemind' }];
      else notes.add('Date de relance illisible ignorée', row);
    }
    // The status column is authoritative; without it, the latest contact tells the status.
    const finalStatus = status ?? contacts[contacts.length - 1]?.statusAfter ?? 'toRemind';

    const followUp: FollowUp = {
      status: finalStatus,
      contacts,
      worksTypes: readList<WorksType>(col(i, 'worksTypes'), readWorksType, 'Type de travaux', notes, row),
    };
    for (const [field, key, what] of [
      ['amountEur', 'amountEur', 'Montant des travaux illisible ignoré'],
      ['estimatedGainKwh', 'estimatedGainKwh', 'Gain énergétique illisible ignoré'],
    ] as const) {
      const cell = col(i, field);
      if (!cell) continue;
      const value = readAdviceNumber(cell);
      if (value === null || value < 0) notes.add(what, row);
      else followUp[key] = value;
    }

    const session: AdviceSession = {
      id,
      date,
      insee: commune.insee,
      channel: channel as AdviceSession['channel'],
      householdStatus: householdStatus as AdviceSession['householdStatus'],
      dwellingType: dwellingType as AdviceSession['dwellingType'],
      topics: readList<AdviceTopic>(col(i, 'topics'), readTopic, 'Thématique', notes, row),
      followUp,
      householdId: householdIdOf(table, i, col(i, 'householdId'), privacy.personal, id, options),
      sourceRow: row,
    };
    const kept: [string, string][] = [];
    for (const f of extraFields) {
      const v = table.get(i, f);
      // « Conserver les données personnelles » keeps them here too: the user chose, with the RGPD warning.
      if (v !== null && v !== '' && (privacy.kept || freeText.keep(f, v))) kept.push([f, v]);
    }
    // fromEntries: a column named "__proto__" stays an own field (`extra[f] = v` set the prototype and lost it).
    if (kept.length > 0) session.extra = Object.fromEntries(kept);
    sessions.push(session);
    notes.commit();
  }

  return {
    ok: true,
    rows: table.count,
    sessions,
    errors,
    warnings: [...warnings, ...freeText.report(), ...notes.list()],
    columns,
    personalColumns: privacy.personal,
    personalColumnsKept: privacy.kept,
    personalValuesDropped: freeText.dropped(),
  };
}

/**
 * A household reference that looks like personal data is pseudonymised. Without a reference, the
 * household is derived from the personal columns (read, hashed, never stored) so two sessions of the
 * same household still link up; failing that, from the session id.
 */
function householdIdOf(
  table: AdviceTable,
  index: number,
  cell: string | null,
  personal: readonly string[],
  id: string,
  options: AdviceMappingOptions,
): string {
  const key = options.pseudonymKey ?? '';
  if (cell)
    return SAFE_ID.test(cell) && personalDataInText(cell).length === 0
      ? cell
      : opaqueHouseholdId([cell], key);
  const values = personal.map((f) => table.get(index, f) ?? '');
  if (values.some((v) => v.trim() !== '')) return opaqueHouseholdId(values, key);
  return opaqueHouseholdId([`session:${id}`], key);
}

/** Maps the import engine's result; rows it rejected (unreadable lines…) are carried over. */
export function mapAdviceImport(result: ImportResult, options: AdviceMappingOptions): AdviceMappingResult {
  if (!result.ok) {
    return {
      ok: false,
      rows: result.rows,
      sessions: [],
      errors: result.errors,
      warnings: result.warnings,
      columns: {},
      personalColumns: [],
      personalColumnsKept: false,
    };
  }
  // The engine's id/INSEE columns are the ones the user confirmed in the column-mapping step.
  const engine: AdviceColumnMapping = {};
  if (result.mapping.id) engine.id = result.mapping.id;
  if (result.mapping.insee) engine.insee = result.mapping.insee;
  const mapped = mapAdviceTable(tableFromImport(result), {
    ...options,
    columns: { ...engine, ...options.columns },
  });
  return {
    ...mapped,
    rows: result.rows,
    errors: [...result.errors, ...mapped.errors].sort((a, b) => a.row - b.row),
    warnings: [...result.warnings, ...mapped.warnings],
  };
}
