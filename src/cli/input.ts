import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { checkFileSize } from '../io/fileSize.ts';
import { CliError } from './errors.ts';

/** Reads a file named on the command line (relative to the caller's directory), or fails in French. */
export function readInputFile(file: string): { path: string; bytes: Uint8Array } {
  const path = resolve(process.cwd(), file);
  let size: number;
  try {
    const stat = statSync(path);
    if (!stat.isFile()) throw new Error('not a file');
    size = stat.size;
  } catch {
    throw new CliError(`Fichier introuvable ou illisible : ${file}`);
  }
  // Checked before reading: a 1.5 GB file is refused without being loaded (and above 2 GiB, where reading
  // fails, the user is told the size, not « introuvable »).
  const tooBig = size > 0 ? checkFileSize(size) : null;
  if (tooBig) throw new CliError(tooBig);
  try {
    return { path, bytes: readFileSync(path) };
  } catch {
    throw new CliError(`Fichier illisible : ${file}`);
  }
}
