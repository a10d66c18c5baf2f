// Findings: what the analysis says about a go.mod, each with a stable code
// that editors, the CLI and settings refer to.
import type { Position } from '../gomod/ast';

export type Severity = 'error' | 'warning' | 'info' | 'hint';

export const FINDING_CODES = [
  'syntax',
  'update-available',
  'major-available',
  'retracted-version',
  'deprecated-module',
  'vulnerability',
  'toolchain-vulnerability',
  'vulnerability-check-failed',
  'version-not-found',
  'module-not-found',
  'lookup-failed',
  'replace-local-path',
  'replace-target-missing',
  'replace-unused',
  'replace-version-mismatch',
  'exclude-required-version',
  'exclude-unknown-version',
  'exclude-unused',
  'pseudo-version-has-release',
  'incompatible-has-module',
  'gosum-missing',
  'not-tidy',
  'use-target-missing',
  'toolchain-language-version',
  'replace-overridden-by-work',
  'file-too-large',
] as const;

export type FindingCode = (typeof FINDING_CODES)[number];

/** Default severities: updates are hints so that problem lists stay about problems. */
export const DEFAULT_SEVERITY: Record<FindingCode, Severity> = {
  syntax: 'error',
  'update-available': 'hint',
  'major-available': 'hint',
  'retracted-version': 'warning',
  'deprecated-module': 'warning',
  vulnerability: 'warning',
  'toolchain-vulnerability': 'info',
  'vulnerability-check-failed': 'warning',
  'version-not-found': 'error',
  'module-not-found': 'error',
  'lookup-failed': 'warning',
  'replace-local-path': 'info',
  'replace-target-missing': 'error',
  'replace-unused': 'warning',
  'replace-version-mismatch': 'warning',
  'exclude-required-version': 'warning',
  'exclude-unknown-version': 'info',
  'exclude-unused': 'info',
  'pseudo-version-has-release': 'info',
  'incompatible-has-module': 'warning',
  'gosum-missing': 'warning',
  'not-tidy': 'warning',
  'use-target-missing': 'error',
  'toolchain-language-version': 'warning',
  'replace-overridden-by-work': 'info',
  'file-too-large': 'error',
};

export interface Finding {
  code: FindingCode;
  severity: Severity;
  /** What is wrong, why it matters, what to do. */
  message: string;
  start: Position;
  end: Position;
  /** The module the finding is about, if any. */
  module?: string;
  /** A version the finding suggests moving to (for quick fixes). */
  suggestedVersion?: string;
}

export function finding(code: FindingCode, start: Position, end: Position, message: string, extra: Partial<Finding> = {}): Finding {
  return { code, severity: DEFAULT_SEVERITY[code], message, start, end, ...extra };
}
