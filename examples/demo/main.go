// The demo module's code: it uses every module it requires, as a real module
// does, so that `go mod tidy` (asked in the background) would keep them all.
// Tidy cannot answer until the broken lines of go.mod are fixed, and says so
// once, as information on the module line.
package main

import (
	_ "example.com/cache"
	_ "example.com/colors"
	_ "example.com/config"
	_ "example.com/greeting"
	_ "example.com/greting"
	_ "example.com/imaging"
	_ "example.com/jsonx"
	_ "example.com/legacy"
	_ "example.com/metrics"
	_ "example.com/oldlog"
	_ "example.com/router"
	_ "example.com/strutil"
	_ "example.com/xmlsig"
	_ "git.corp.example/acme/billing"
)

func main() {}
