// The question "Upgrade all" asks before it runs go get: which requirements
// move, grouped by the size of the step, and which are left alone because a
// local directory replaces them (go.dev/ref/mod#go-mod-file-replace).
import type { Upgrade } from '../facts/upgrades';
import { updateKind } from '../semver/updateKind';

/** Past this many a group names the rest by count: a notification is read at a glance. */
const MAX_LISTED = 8;

function list(items: string[]): string {
  if (items.length <= MAX_LISTED) return items.join(', ');
  return `${items.slice(0, MAX_LISTED).join(', ')} and ${items.length - MAX_LISTED} more`;
}

const step = (u: Upgrade) => `${u.path} ${u.from} → ${u.version}`;

export function upgradeAllQuestion(upgrades: Upgrade[], locallyReplaced: Upgrade[]): string {
  const minor = upgrades.filter((u) => updateKind(u.from, u.version) !== 'patch');
  const patch = upgrades.filter((u) => updateKind(u.from, u.version) === 'patch');
  const n = upgrades.length;
  const parts = [`Upgrade ${n} direct requirement${n === 1 ? '' : 's'}?`];
  if (minor.length > 0) parts.push(`Minor (${minor.length}): ${list(minor.map(step))}.`);
  if (patch.length > 0) parts.push(`Patch (${patch.length}): ${list(patch.map(step))}.`);
  if (locallyReplaced.length > 0) parts.push(`Left alone, replaced by a local directory: ${list(locallyReplaced.map((u) => u.path))}.`);
  return parts.join(' ');
}
