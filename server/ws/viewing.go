package ws

import (
	"context"
	"net/http"
	"strings"

	"github.com/parley-chat/parley/shared/protocol"
)

// maxViewing bounds the conversations one agent socket may say it views
// at once, so a client cannot grow the map without end.
const maxViewing = 64

// maxUserAgent is how much of a User-Agent header is kept.
const maxUserAgent = 512

// onViewing fans an agent's viewing frame out to the other agents and
// remembers it, so that the socket's close can take it back.
func (as *agentSession) onViewing(ctx context.Context, f *protocol.Viewing) {
	if f.On && !as.viewing[f.Conv] {
		if len(as.viewing) >= maxViewing {
			as.sendError(protocol.NewError(protocol.CodeBadFrame, "viewing: too many conversations at once"))
			return
		}
		if as.viewing == nil {
			as.viewing = map[string]bool{}
		}
		as.viewing[f.Conv] = true
	} else if !f.On {
		delete(as.viewing, f.Conv)
	}
	as.h.chat.AgentViewing(ctx, as.agent, f.Conv, f.On, as.id)
}

// stopViewing tells the other agents this socket views nothing any more.
func (as *agentSession) stopViewing() {
	for conv := range as.viewing {
		as.h.chat.AgentViewing(context.Background(), as.agent, conv, false, as.id)
	}
	as.viewing = nil
}

// userAgent is the request's User-Agent, cut to maxUserAgent bytes.
func userAgent(r *http.Request) string {
	ua := r.UserAgent()
	if len(ua) > maxUserAgent {
		ua = strings.ToValidUTF8(ua[:maxUserAgent], "")
	}
	return ua
}
