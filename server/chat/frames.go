package chat

import (
	"github.com/parley-chat/parley/server/store"
	"github.com/parley-chat/parley/shared/protocol"
)

// Msg converts a stored message to its wire form.
func Msg(m store.Message) protocol.Msg {
	return protocol.Msg{ID: m.ID, Seq: m.Seq, CMID: m.CMID, Body: m.Body, At: m.At.UTC(),
		Author: protocol.Author{Kind: m.AuthorKind, ID: m.AuthorID, Name: m.AuthorName}}
}

// MessageFrame is the message frame for a stored message.
func MessageFrame(m store.Message) protocol.Message {
	return protocol.Message{Type: protocol.TypeMessage, Conv: m.ConvID, Seq: m.Seq, Msg: Msg(m)}
}

// NoteFrame is the note frame agents receive for an internal note.
func NoteFrame(n store.Note) protocol.Note {
	return protocol.Note{Type: protocol.TypeNote, Conv: n.ConvID, Note: protocol.Msg{ID: n.ID, CMID: n.CMID,
		Body: n.Body, At: n.At.UTC(), Author: protocol.Author{Kind: protocol.AuthorAgent, ID: n.AuthorID, Name: n.AuthorName}}}
}

// AckFrame acknowledges a stored message to its sender.
func AckFrame(id string, m store.Message) protocol.Ack {
	return protocol.Ack{Type: protocol.TypeAck, ID: id, Conv: m.ConvID, CMID: m.CMID, Seq: m.Seq, At: m.At.UTC()}
}

// Summary lists a conversation in a welcome.
func Summary(c store.Conversation, withSite bool) protocol.ConvSummary {
	s := protocol.ConvSummary{ID: c.ID, Status: c.Status, LastSeq: c.LastSeq, Assignee: c.Assignee}
	if withSite {
		s.Site, s.Visitor = c.SiteID, c.VisitorID
	}
	return s
}

// WidgetConfig is how a site's widget looks and greets, as the widget and
// the loader receive it.
func WidgetConfig(s store.Site) *protocol.WidgetConfig {
	w := s.Widget
	return &protocol.WidgetConfig{SiteName: s.Name, Color: w.Color, Position: w.Position, Greeting: w.Greeting,
		LauncherText: w.LauncherText, Locale: w.Locale, PreChatForm: w.PreChatForm}
}
