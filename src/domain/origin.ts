/**
 * Where one record comes from: the generated sample (« Données d'exemple »), a file the user imported, or the
 * user's own entry in the app. Records say it themselves only when the module's source cannot: sample
 * records kept under a file's import (« Ajouter » or « Mettre à jour » over the sample) carry
 * `origin: 'sample'`; every other record's origin follows from the module's source and how it was made
 * (src/state/sourceState.ts, the one rule).
 */
export type RecordOrigin = 'sample' | 'file' | 'user';
