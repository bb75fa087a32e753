/**
 * The data folder is the user's alone: the folder 0700 and every file in it 0600 (the SQLite
 * file, its WAL and SHM, the tokens, the window's place), on creation and again on every
 * open, so a folder an older version left readable to others is closed. Windows has no such
 * modes (its per-user profile folder already keeps others out): there the calls are no-ops.
 */
import { chmodSync, closeSync, existsSync, lstatSync, mkdirSync, openSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const PRIVATE_DIR_MODE = 0o700;
const PRIVATE_FILE_MODE = 0o600;

/** Creates the folder (and its parents) if missing and closes it and everything in it to others. */
export function ensurePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  restrictTree(dir);
}

function restrictTree(dir: string): void {
  chmodSync(dir, PRIVATE_DIR_MODE);
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isSymbolicLink()) continue; // chmod would change the target, which is not ours to change
    if (entry.isDirectory()) restrictTree(path);
    else chmodSync(path, PRIVATE_FILE_MODE);
  }
}

/**
 * Creates the file empty with mode 0600 if missing (SQLite then gives its WAL and SHM the
 * database file's mode), and sets 0600 if it exists.
 */
export function ensurePrivateFile(file: string): void {
  if (!existsSync(file)) closeSync(openSync(file, 'a', PRIVATE_FILE_MODE));
  if (!lstatSync(file).isSymbolicLink()) chmodSync(file, PRIVATE_FILE_MODE);
}
