import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { CliError } from './errors.ts';

/** Reads a file named on the command line (relative to the caller's directory), or fails in French. */
export function readInputFile(file: string): { path: string; bytes: Uint8Array } {
  const path = resolve(process.cwd(), file);
  try {
    if (!statSync(path).isFile()) throw new Error('not a file');
    return { path, bytes: readFileSync(path) };
  } catch {
    throw new CliError(`Fichier introuvable ou illisible : ${file}`);
  }
}
