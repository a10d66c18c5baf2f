// Deprecated: use example.com/sample/v2 instead.
module example.com/sample

go 1.22

toolchain go1.22.5

godebug default=go1.21

require (
	github.com/BurntSushi/toml v1.3.2
	golang.org/x/mod v0.17.0
	golang.org/x/text v0.14.0 // indirect
	gopkg.in/yaml.v3 v3.0.1
)

exclude golang.org/x/text v0.13.0

replace github.com/BurntSushi/toml => ./third_party/toml

retract (
	v1.0.1 // Published with a broken go.mod.
	[v1.1.0, v1.1.3] // Data race in the encoder.
)
