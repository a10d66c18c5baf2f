// How big a step an update is, for its label ("→ v1.4.0 (minor)"): npm
// semver's major and minor numbers of the two versions.
import semverMajor from 'semver/functions/major';
import semverMinor from 'semver/functions/minor';
import { major, majorMinor, npmSemVer, prerelease } from './goSemver';

export type UpdateKind = 'pre-release' | 'major' | 'minor' | 'patch';

/**
 * npm's diff() is not used: from a pre-release to a release it answers by the
 * release's shape (v1.0.0-rc.1 -> v1.0.0 and a v0.0.0-... pseudo-version ->
 * v0.1.0 are both "major" to it), where this label says which number moved.
 */
export function updateKind(from: string, to: string): UpdateKind {
  if (prerelease(to) !== '') return 'pre-release';
  const f = npmSemVer(from);
  const t = npmSemVer(to);
  if (!f || !t) {
    // Past npm semver's numbers (or not a version at all): Go's strings say the same.
    if (major(from) !== major(to)) return 'major';
    return majorMinor(from) === majorMinor(to) ? 'patch' : 'minor';
  }
  if (semverMajor(f) !== semverMajor(t)) return 'major';
  return semverMinor(f) === semverMinor(t) ? 'patch' : 'minor';
}
