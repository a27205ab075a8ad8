// Command visitor is the chat widget compiled to WebAssembly
// (GOOS=js GOARCH=wasm); the server serves it under /w/.
package main

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/parley-chat/parley/widget/visitor"
)

func main() {
	// The path is /KEY here: go-app trims the /w prefix before routing.
	app.RouteWithRegexp("^/.*", func() app.Composer { return &visitor.Widget{} })
	app.RunWhenOnBrowser()
}
