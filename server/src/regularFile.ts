// Reading a file whose path came from the user or the workspace. A FIFO, a
// device or a socket named go.sum would block open() or read() forever, and a
// directory fails with EISDIR; a huge file would fill memory. So the file is
// opened without blocking, its type and size are checked on the open
// descriptor (no window for a swap between the check and the read), and only
// then is it read.
import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';
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
    // Read to the end, not to st.size: the file may grow, but never past the limit.
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(Math.max(st.size - total, 0) + 1, 1 << 20) || 1);
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      total += n;
      if (total > maxBytes) return { ok: false, code: 'too-large', reason: `is more than the ${maxBytes} byte limit; it was not read` };
      chunks.push(n === chunk.length ? chunk : chunk.subarray(0, n));
    }
    return { ok: true, bytes: Buffer.concat(chunks, total) };
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
    const bytes = await handle.readFile();
    if (bytes.length > maxBytes) return { ok: false, code: 'too-large', reason: `is more than the ${maxBytes} byte limit; it was not read` };
    return { ok: true, bytes };
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
