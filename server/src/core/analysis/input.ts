// The one input builder: what an analysis of a go.mod or go.work reads besides
// its own text. A go.mod on disk brings its go.sum and the go.work that uses
// it (GOWORK=off or a file in the environment decides, as for the go command).
// Both faces build their input here; the files come through `InputFiles`, so
// the editor can hand in what it has open.
import * as path from 'node:path';
import type { FileKind } from '../gomod/directives';
import { parseFile } from '../gomod/parse';
import { type WorkspaceContext, workspaceFor } from '../rules/workRules';

export interface AnalysisInput {
  text: string;
  filename: string;
  kind: FileKind;
  /** The go.mod's directory, when it is a file on disk. */
  dir?: string;
  /** go.sum contents; undefined when there is none (or it was not read). */
  goSum?: string;
  /** Whether go.sum was looked for at all. */
  checkGoSum: boolean;
  /** The go.work this module belongs to, if any. */
  workspace?: WorkspaceContext;
}

export interface InputFiles {
  exists(path: string): boolean;
  /** A file's text, or undefined when it is missing or cannot be read as a file. */
  readFile(path: string): string | undefined;
}

export interface InputFile {
  text: string;
  /** How the file is named in findings. */
  filename: string;
  kind: FileKind;
  /** Its directory, when it is a file on disk. */
  dir?: string;
}

/**
 * @param env The environment GOWORK is read from.
 * @param workFilename How a go.work path is named in findings (default: its base name).
 */
export function buildInput(file: InputFile, files: InputFiles, env: Record<string, string | undefined>, workFilename: (f: string) => string = (f) => path.basename(f)): AnalysisInput {
  const dir = file.dir;
  if (dir === undefined || file.kind !== 'mod') return { ...file, checkGoSum: false };
  return {
    ...file,
    goSum: files.readFile(path.join(dir, 'go.sum')),
    checkGoSum: true,
    workspace: workspaceFor(dir, env, (f) => files.exists(f), (f) => files.readFile(f), (t, f) => parseFile(t, { filename: workFilename(f), kind: 'work' })),
  };
}
