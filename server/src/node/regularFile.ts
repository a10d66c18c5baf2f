// Reading a file whose path came from the user or the workspace. A FIFO, a
// device or a socket named go.sum would block open() or read() forever, and a
// directory fails with EISDIR; a huge file would fill memory. So the file is
// opened without blocking, its type and size are checked on the open
// descriptor (no window for a swap between the check and the read), and only
// then is it read.
import { closeSync, constants, fstatSync, openSync, readFileSync, type Stats } from 'node:fs';
import { open } from 'node:fs/promises';

export type FileRead = { ok: true; bytes: Buffer } | { ok: false; code: 'missing' | 'not-a-file' | 'too-large' | 'unreadable'; reason: string };

/** Larger than any go.mod, go.sum, go.work, .netrc or go env file a project has. */
export const MAX_INPUT_FILE_BYTES = 64 << 20;

// O_NONBLOCK makes open() return at once on a FIFO with no writer; it changes
// nothing for regular files. Windows has no such flag (and no FIFOs by path).
const FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

function typeProblem(st: Stats, maxBytes: number): FileRead | undefined {
  if (st.isDirectory()) return { ok: false, code: 'not-a-file', reason: 'is a directory, not a file' };
  if (!st.isFile()) return { ok: false, code: 'not-a-file', reason: 'is not a regular file (a FIFO, socket or device); it was not read' };
  if (st.size > maxBytes) return { ok: false, code: 'too-large', reason: `is ${st.size} bytes, more than the ${maxBytes} byte limit; it was not read` };
  return undefined;
}

/** The file may have grown between the size check and the read. */
function fitting(bytes: Buffer, maxBytes: number): FileRead {
  if (bytes.length > maxBytes) return { ok: false, code: 'too-large', reason: `is more than the ${maxBytes} byte limit; it was not used` };
  return { ok: true, bytes };
}

function openProblem(e: unknown): FileRead {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return { ok: false, code: 'missing', reason: 'no such file' };
  if (code === 'EISDIR') return { ok: false, code: 'not-a-file', reason: 'is a directory, not a file' };
  if (code === 'EACCES' || code === 'EPERM') return { ok: false, code: 'unreadable', reason: 'permission denied' };
  return { ok: false, code: 'unreadable', reason: code ?? String(e) };
}

export function readRegularFileSync(path: string, maxBytes = MAX_INPUT_FILE_BYTES): FileRead {
  let fd: number;
  try {
    fd = openSync(path, FLAGS);
  } catch (e) {
    return openProblem(e);
  }
  try {
    const st = fstatSync(fd);
    const problem = typeProblem(st, maxBytes);
    if (problem) return problem;
    return fitting(readFileSync(fd), maxBytes);
  } catch (e) {
    return openProblem(e);
  } finally {
    closeSync(fd);
  }
}

export async function readRegularFile(path: string, maxBytes = MAX_INPUT_FILE_BYTES): Promise<FileRead> {
  let handle;
  try {
    handle = await open(path, FLAGS);
  } catch (e) {
    return openProblem(e);
  }
  try {
    const problem = typeProblem(await handle.stat(), maxBytes);
    if (problem) return problem;
    return fitting(await handle.readFile(), maxBytes);
  } catch (e) {
    return openProblem(e);
  } finally {
    await handle.close();
  }
}

/** A file's text, or undefined when it is missing or cannot be read safely. */
export function readTextFile(path: string): string | undefined {
  const r = readRegularFileSync(path);
  return r.ok ? r.bytes.toString('utf8') : undefined;
}
