package visitor

import "github.com/maxence-charriere/go-app/v10/pkg/app"

// timezone is the browser's IANA time zone, "" when it does not say, so
// that agents can see the visitor's local time.
func timezone() string {
	intl := app.Window().Get("Intl")
	if !intl.Truthy() {
		return ""
	}
	tz := intl.Call("DateTimeFormat").Call("resolvedOptions").Get("timeZone")
	if tz.Type() != app.TypeString {
		return ""
	}
	return tz.String()
}
