package server

import (
	"io"

	"github.com/parley-chat/parley/server/internal/histogram"
)

// Store operations whose time /metrics reports: the calls on the paths of
// a message and of a (re)connecting socket.
const (
	opAppendMessage     = "append_message"
	opStartConversation = "start_conversation"
	opMessagesAfter     = "messages_after"
	opListConversations = "list_conversations"
	opConversationByID  = "conversation_by_id"
	opMarkRead          = "mark_read"
	opSiteByKey         = "site_by_key"
	opVisitorByToken    = "visitor_by_token"
	opCreateVisitor     = "create_visitor"
	opUpdateVisitor     = "update_visitor"
)

// latencies are the node's latency histograms, as served on /metrics.
type latencies struct {
	store   *histogram.Family // by op: one store call
	publish *histogram.Family // one Publish on the bus
	// delivery is a message's time from its publish to its frame written
	// to a socket (ws.Config.Delivered).
	delivery *histogram.Family
}

func newLatencies() *latencies {
	return &latencies{
		store: histogram.NewLabeled("parley_store_seconds", "Time of store calls, by operation.", "op",
			opAppendMessage, opStartConversation, opMessagesAfter, opListConversations, opConversationByID, opMarkRead,
			opSiteByKey, opVisitorByToken, opCreateVisitor, opUpdateVisitor),
		publish: histogram.NewFamily("parley_bus_publish_seconds",
			"Time of one publish on the bus: the Redis publish with several nodes, the in-process fan-out to local sockets alone."),
		delivery: histogram.NewFamily("parley_delivery_seconds",
			"Time from a message published to its frame written to a socket, per socket (across nodes, clocks must agree)."),
	}
}

// write writes every histogram in Prometheus' text format.
func (l *latencies) write(w io.Writer) error {
	for _, f := range []*histogram.Family{l.store, l.publish, l.delivery} {
		if _, err := f.WriteTo(w); err != nil {
			return err
		}
	}
	return nil
}
