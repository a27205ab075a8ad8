package visitor

import (
	"encoding/json"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/parley-chat/parley/shared/protocol"
)

// The visitor's token and details live in the iframe's localStorage (on
// the chat server's origin), so conversations survive reloads and are
// shared by every tab of the site.

func storage() app.Value { return app.Window().Get("localStorage") }

func getItem(key string) string {
	defer func() { _ = recover() }() // storage may be blocked
	if v := storage().Call("getItem", key); v.Type() == app.TypeString {
		return v.String()
	}
	return ""
}

func setItem(key, value string) {
	defer func() { _ = recover() }()
	storage().Call("setItem", key, value)
}

func loadToken(site string) string { return getItem("parley:" + site + ":token") }
func saveToken(site, token string) { setItem("parley:"+site+":token", token) }
func saveIdentity(site string, id protocol.Identity) {
	if b, err := json.Marshal(id); err == nil {
		setItem("parley:"+site+":identity", string(b))
	}
}

func loadIdentity(site string) protocol.Identity {
	var id protocol.Identity
	_ = json.Unmarshal([]byte(getItem("parley:"+site+":identity")), &id)
	return id
}

func focus(id string) {
	if el := app.Window().GetElementByID(id); el.Truthy() {
		el.Call("focus")
	}
}

func scrollToEnd() {
	if el := app.Window().GetElementByID("messages"); el.Truthy() {
		el.Set("scrollTop", el.Get("scrollHeight"))
	}
}
