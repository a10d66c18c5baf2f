// A tour of what Go Module Hygiene reports. Every example.com module below is
// served only by the demo's own module proxy on 127.0.0.1 (examples/demo-proxy),
// and none of them exists anywhere else. The comment above each line names the
// finding it shows; hover a module path or version for the whole story.
module example.com/demo

go 1.22

require (
	// retracted-version: v1.0.2 retracts v1.0.1; the hover quotes the author's reason.
	example.com/cache v1.0.1
	// replace-local-path: see the replaces below.
	example.com/colors v1.0.0
	// version-not-found: the module exists, but v1.7.0 was never published.
	example.com/config v1.7.0
	// update-available (minor): "→ v1.4.0 (minor)" after the line.
	example.com/greeting v1.2.0
	// module-not-found: a typo of example.com/greeting that no proxy knows.
	example.com/greting v1.0.0
	// incompatible-has-module: a pre-modules v2, while example.com/imaging/v2 exists.
	example.com/imaging v2.0.0+incompatible
	// pseudo-version-has-release: pinned to a commit, but v1.1.0 is tagged.
	example.com/jsonx v1.0.1-0.20240301120000-0a1b2c3d4e5f
	// replace-target-missing: replaced by a directory that does not exist.
	example.com/legacy v1.0.0
	// exclude-required-version: see the excludes below.
	example.com/metrics v1.1.0
	// deprecated-module: the latest go.mod says "Deprecated: use log/slog ...".
	example.com/oldlog v1.4.0
	// major-available: up to date in v1, but example.com/router/v2 exists.
	example.com/router v1.9.0
	// update-available (patch): "→ v1.4.3 (patch)".
	example.com/strutil v1.4.1
	// gosum-missing: go.sum has no checksum for this version.
	example.com/uuid v1.0.0 // indirect
	// vulnerability: two known vulnerabilities (examples/demo-vulndb); v1.1.2 fixes both.
	example.com/xmlsig v1.1.0
	// private (GOPRIVATE=git.corp.example): never sent to a proxy; resolved from the company git server (v1.4.0 is newer).
	git.corp.example/acme/billing v1.3.0
)

// exclude-required-version: the go command silently uses v1.2.0 instead.
exclude example.com/metrics v1.1.0

// exclude-unknown-version: metrics never published v1.1.5.
exclude example.com/metrics v1.1.5

// exclude-unused: nothing requires example.com/removed.
exclude example.com/removed v1.0.0

// replace-local-path: builds use ./colors-fork, whatever version is required.
// replace-overridden-by-work: go.work replaces colors too, and wins in workspace mode.
replace example.com/colors => ./colors-fork

// replace-target-missing: ./third_party/legacy does not exist.
replace example.com/legacy => ./third_party/legacy

// replace-version-mismatch: applies only to v1.4.0, but v1.4.1 is required.
replace example.com/strutil v1.4.0 => example.com/strutil v1.4.2

// replace-unused: nothing requires example.com/removed.
replace example.com/removed => example.com/removed v1.0.1
