/**
 * The server's own folders, kept out of what clients read (issue 18.6): every message a client
 * receives (GraphQL errors, stored failures in `status`, HTTP error bodies) passes through
 * withoutServerPaths, which writes a path under the data root relative to it (`maps/x.map`)
 * and one under another folder of the server with that folder's label (`<data folder>/blobs/…`,
 * `<tmp>/…`). The folders are those the process registered (the serve command registers the
 * data root, the data folder and the blob store) plus the temporary folder and the
 * installation. The CLI prints the paths its user gave, as given: it runs on their machine.
 */
import { realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { resolve, sep } from 'node:path';
import { catalogueError, type ErrorCode } from './errors.js';
import { REPO_ROOT } from './paths.js';

interface Folder {
  path: string;
  /** null: paths under it are written relative to it (the data root). */
  label: string | null;
}

const folders: Folder[] = [];

/** Hides `path` (and its real path) from client messages: `label` stands for it, or, for null, paths are made relative to it. */
export function hideServerFolder(path: string, label: string | null): void {
  const variants = new Set([resolve(path)]);
  try {
    variants.add(realpathSync(path));
  } catch {
    // not there (yet): its resolved form alone
  }
  for (const p of variants) {
    if (p === sep) continue; // never the file system's root
    const i = folders.findIndex((f) => f.path === p);
    if (i >= 0) folders.splice(i, 1);
    folders.push({ path: p, label });
  }
  folders.sort((a, b) => b.path.length - a.path.length); // the innermost folder first
}

hideServerFolder(tmpdir(), '<tmp>');
hideServerFolder(REPO_ROOT, '<server>');

/** `text` with every registered folder of the server written relative to it or as its label. */
export function withoutServerPaths(text: string): string {
  let out = text;
  for (const { path, label } of folders) {
    if (!out.includes(path)) continue;
    // the folder as a whole name: not /var/tmp for /tmp, nor /tmpfoo
    const escaped = path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    out = out.replace(new RegExp(`(?<![\\w.-])${escaped}(${sep === '/' ? '/' : '\\\\'}|(?![\\w.-]))`, 'g'), (_, slash: string) =>
      slash ? (label === null ? '' : `${label}${sep}`) : (label ?? 'the data root'));
  }
  return out;
}

/** A JSON-like value with withoutServerPaths applied to every string in it. */
export function detailsWithoutServerPaths<T>(value: T): T {
  if (typeof value === 'string') return withoutServerPaths(value) as T;
  if (Array.isArray(value)) return value.map((v) => detailsWithoutServerPaths(v)) as T;
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, detailsWithoutServerPaths(v)])) as T;
  }
  return value;
}

/** A stored error ({code, message}) as a client reads it: its catalogue code, its message without the server's folders. */
export function clientStoredError(stored: { code?: unknown; message: string } | null | undefined): { code: ErrorCode; message: string } | null {
  const e = catalogueError(stored);
  return e && { ...e, message: withoutServerPaths(e.message) };
}
