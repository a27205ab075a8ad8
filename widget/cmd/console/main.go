// Command console is the agent console compiled to WebAssembly
// (GOOS=js GOARCH=wasm); the server serves it under /console/.
package main

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/parley-chat/parley/widget/console"
)

func main() {
	// Every path is the console: go-app trims the /console prefix first.
	app.RouteWithRegexp("^/.*", func() app.Composer { return &console.Console{} })
	app.RunWhenOnBrowser()
}
