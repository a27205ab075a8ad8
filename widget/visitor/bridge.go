package visitor

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/parley-chat/parley/shared/protocol"
)

// bridge talks to the loader in the customer's page with postMessage
// (static/EMBED.md). It posts only to the parent origin the server checked
// against the site's allowed origins, and accepts only messages from that
// origin and from window.parent.
type bridge struct {
	origin string // the host page's origin, "" when not embedded
	fn     app.Func
}

// parentMsg is a message from the loader.
type parentMsg struct {
	Type  string
	Page  [3]string // url, title, referrer
	Data  map[string]string
	Valid bool
}

func newBridge(origin string) *bridge {
	parent := app.Window().Get("parent")
	if origin == "" || parent.Equal(app.Window()) {
		return &bridge{}
	}
	return &bridge{origin: origin}
}

// listen calls handle for each valid message from the loader.
func (b *bridge) listen(handle func(parentMsg)) {
	if b.origin == "" {
		return
	}
	b.fn = app.FuncOf(func(this app.Value, args []app.Value) any {
		ev := args[0]
		if ev.Get("origin").String() != b.origin || !ev.Get("source").Equal(app.Window().Get("parent")) {
			return nil
		}
		if m := decodeParent(ev.Get("data")); m.Valid {
			handle(m)
		}
		return nil
	})
	app.Window().Call("addEventListener", "message", b.fn)
}

func decodeParent(d app.Value) parentMsg {
	if d.Type() != app.TypeObject || d.Get("parley").Type() != app.TypeNumber || d.Get("parley").Int() != 1 {
		return parentMsg{}
	}
	m := parentMsg{Type: d.Get("type").String(), Valid: true}
	if m.Type == "page" {
		m.Page = [3]string{str(d.Get("url"), 2000), str(d.Get("title"), 300), str(d.Get("referrer"), 2000)}
	}
	if data := d.Get("data"); data.Type() == app.TypeObject {
		m.Data = map[string]string{}
		keys := app.Window().Get("Object").Call("keys", data)
		for i := 0; i < keys.Length() && len(m.Data) < protocol.MaxAttributes; i++ {
			k := str(keys.Index(i), protocol.MaxAttrChars)
			if v := data.Get(k); k != "" && v.Type() != app.TypeObject {
				m.Data[k] = str(v, protocol.MaxAttrChars)
			}
		}
	}
	return m
}

// str reads a string, numbers and booleans as text, cut to max characters
// so that nothing a host page passes can make the hello invalid.
func str(v app.Value, max int) string {
	var s string
	switch v.Type() {
	case app.TypeString:
		s = v.String()
	case app.TypeNumber, app.TypeBoolean:
		s = v.Call("toString").String()
	}
	if r := []rune(s); len(r) > max {
		s = string(r[:max])
	}
	return s
}

// post sends a message to the loader.
func (b *bridge) post(typ string, fields map[string]any) {
	if b.origin == "" {
		return
	}
	msg := map[string]any{"parley": 1, "type": typ}
	for k, v := range fields {
		msg[k] = v
	}
	app.Window().Get("parent").Call("postMessage", msg, b.origin)
}

func (b *bridge) release() {
	if b.fn != nil {
		app.Window().Call("removeEventListener", "message", b.fn)
		b.fn.Release()
	}
}
