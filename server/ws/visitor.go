package ws

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"net/http"
	"time"

	"github.com/coder/websocket"

	"github.com/parley-chat/parley/server/auth"
	"github.com/parley-chat/parley/server/chat"
	"github.com/parley-chat/parley/server/store"
	"github.com/parley-chat/parley/shared/protocol"
)

// visitorConvs is how many of a visitor's conversations a welcome lists.
const visitorConvs = 50

// visitorSession is a socket that belongs to a visitor.
type visitorSession struct {
	*socket
	site    store.Site
	visitor store.Visitor
	ip      string
	ua      string           // the upgrade request's User-Agent
	owned   map[string]bool  // reader-owned: conversation → is the visitor's
	readSeq map[string]int64 // reader-owned: last read receipt sent per conversation
}

// Visitor serves GET /ws/visitor.
func (h *Handler) Visitor(w http.ResponseWriter, r *http.Request) {
	h.serve(w, r, protocol.VisitorFrames, "visitor", func(s *socket, r *http.Request) session {
		s.budget = newFrameBudget()
		return &visitorSession{socket: s, ip: clientIP(r), ua: userAgent(r), owned: map[string]bool{}, readSeq: map[string]int64{}}
	})
}

func (vs *visitorSession) ended() {}

// Errors that end a visitor's hello.
var (
	errUnknownSite = protocol.NewError(protocol.CodeNotFound, "unknown site")
	errBadOrigin   = protocol.NewError(protocol.CodeUnauthorized, "this origin may not embed the site's chat")
	errBadToken    = protocol.NewError(protocol.CodeUnauthorized, "unknown or expired visitor token: start again without it")
	errRestarting  = protocol.NewError(protocol.CodeUnavailable, "server is restarting")
	// errTooManyVisitors refuses an address that starts visitors in bulk.
	errTooManyVisitors = protocol.NewError(protocol.CodeRateLimited, "too many new visitors from this address; retry later")
)

func (vs *visitorSession) refuse(ctx context.Context, err error) {
	switch {
	case errors.Is(err, errUnknownSite), errors.Is(err, errBadOrigin):
		refuse(ctx, vs.conn, err.(*protocol.Error), protocol.ClosePolicy)
	case errors.Is(err, errBadToken):
		refuse(ctx, vs.conn, errBadToken, protocol.CloseUnauthorized)
	case errors.Is(err, errRestarting):
		refuse(ctx, vs.conn, errRestarting, protocol.CloseRestart)
	case errors.Is(err, errTooManyVisitors):
		refuse(ctx, vs.conn, errTooManyVisitors, websocket.StatusTryAgainLater)
	default:
		vs.log.Warn("ws: visitor hello failed", "err", err)
		refuse(ctx, vs.conn, errorFrame("", err), protocol.CloseRestart)
	}
}

// start authenticates the hello, subscribes, and writes the welcome.
func (vs *visitorSession) start(ctx context.Context, r *http.Request, hello *protocol.Hello) error {
	site, err := vs.h.sites.byKey(ctx, vs.h.store, hello.Site)
	if errors.Is(err, store.ErrNotFound) {
		return errUnknownSite
	} else if err != nil {
		return err
	}
	if !originAllowed(r, vs.h.cfg.PublicOrigin, site.Origins) {
		return errBadOrigin
	}
	vs.site = site
	token, err := vs.identify(ctx, hello)
	if err != nil {
		return err
	}
	vs.principal = vs.visitor.ID
	vs.convs = vs.conversations
	vs.unknownStart = func(int64) int64 { return 0 } // a visitor's new conversation starts at 1
	if !vs.h.register(vs.socket) {
		return errRestarting
	}
	vs.topics = []string{chat.VisitorTopic(vs.visitor.ID), chat.PresenceTopic}
	if err := vs.h.hub.Subscribe(ctx, vs.socket, vs.topics...); err != nil {
		vs.topics = nil
		return err
	}
	if err := vs.welcome(ctx, hello, token); err != nil {
		return err
	}
	vs.travelLight()
	return nil
}

// travelLight drops what only the hello needed. A node holds many idle
// visitor sockets, and the site record, the request's details and the
// visitor's page, browser and attributes would cost each of them
// hundreds of bytes; sends need the visitor's id, site and name alone.
func (vs *visitorSession) travelLight() {
	v := vs.visitor
	vs.visitor = store.Visitor{ID: v.ID, SiteID: v.SiteID, Name: v.Name}
	vs.site, vs.ip, vs.ua = store.Site{}, "", ""
}

// identify finds or creates the visitor and records where they are.
func (vs *visitorSession) identify(ctx context.Context, hello *protocol.Hello) (string, error) {
	token := hello.Token
	var v store.Visitor
	var err error
	if token == "" {
		if l := vs.h.cfg.NewVisitors; l != nil {
			if ok, _ := l.Allow(vs.ip); !ok {
				return "", errTooManyVisitors
			}
		}
		token = auth.NewVisitorToken()
		v, err = vs.h.store.CreateVisitor(ctx, store.Visitor{SiteID: vs.site.ID, TokenHash: auth.HashToken(token)})
	} else {
		v, err = vs.h.store.VisitorByToken(ctx, vs.site.ID, auth.HashToken(token))
		if errors.Is(err, store.ErrNotFound) {
			return "", errBadToken
		}
	}
	if err != nil {
		return "", fmt.Errorf("ws: visitor hello: %w", err)
	}
	before := v
	before.Attributes = maps.Clone(v.Attributes)
	v.Page = store.Page{URL: hello.Page.URL, Title: hello.Page.Title, Referrer: hello.Page.Referrer}
	v.Locale, v.LastSeenAt, v.UserAgent = hello.Locale, time.Now(), vs.ua
	if hello.Timezone != "" {
		v.Timezone = hello.Timezone
	}
	mergeAttributes(&v, hello.Attributes)
	if id := hello.Identity; id != nil {
		applyIdentity(&v, vs.site.IdentitySecret, id)
	}
	if hello.Token != "" && unchangedVisit(before, v) {
		vs.visitor = before // a reconnect: nothing worth a write
		return token, nil
	}
	if vs.visitor, err = vs.h.store.UpdateVisitor(ctx, v); err != nil {
		return "", fmt.Errorf("ws: visitor hello: %w", err)
	}
	return token, nil
}

func (vs *visitorSession) conversations(ctx context.Context) ([]store.Conversation, error) {
	return vs.h.store.ListConversations(ctx, store.ConversationFilter{VisitorID: vs.visitor.ID, Limit: visitorConvs})
}

// welcome sets each conversation's starting point — the resume seq when
// the client names one, else the last seq now — writes the welcome, and
// queues a catch-up for each conversation the client is behind in.
// Subscribing came first, so nothing falls in between: a message stored
// since the listing reaches the socket from the hub, and a gap before it
// is filled then.
func (vs *visitorSession) welcome(ctx context.Context, hello *protocol.Hello, token string) error {
	convs, err := vs.conversations(ctx)
	if err != nil {
		return err
	}
	w := protocol.Welcome{Type: protocol.TypeWelcome, ID: hello.ID, Conversations: make([]protocol.ConvSummary, 0, len(convs)),
		Visitor: &protocol.Visitor{ID: vs.visitor.ID, Token: token}, Config: chat.WidgetConfig(vs.site)}
	p := vs.h.chat.Presence.Current()
	w.Presence = &p
	for _, c := range convs {
		w.Conversations = append(w.Conversations, chat.Summary(c, false))
	}
	behind := vs.startAll(convs, hello.Resume)
	behind = append(behind, vs.resumeOlder(ctx, hello.Resume)...)
	if err := vs.writeJSON(ctx, w); err != nil {
		return err
	}
	for _, c := range behind {
		vs.push(out{kind: outCatchUp, conv: c.ID, seq: c.LastSeq})
	}
	return nil
}

// startAll sets where the socket's stream of each of the visitor's
// conversations begins, and returns those the client is behind in.
func (vs *visitorSession) startAll(convs []store.Conversation, resume map[string]int64) (behind []store.Conversation) {
	for _, c := range convs {
		start := startSeq(resume, c)
		vs.seqs[c.ID] = start
		vs.owned[c.ID] = true
		if start < c.LastSeq {
			behind = append(behind, c)
		}
	}
	return behind
}

// resumeOlder honours resume entries for the visitor's conversations that
// are too old to be listed in the welcome, and returns those the client
// is behind in.
func (vs *visitorSession) resumeOlder(ctx context.Context, resume map[string]int64) (behind []store.Conversation) {
	for conv := range resume {
		if _, listed := vs.seqs[conv]; listed {
			continue
		}
		if c, err := vs.h.store.ConversationByID(ctx, conv); err == nil && c.VisitorID == vs.visitor.ID {
			behind = append(behind, vs.startAll([]store.Conversation{c}, resume)...)
		}
	}
	return behind
}

// startSeq is where a socket's stream of c begins.
func startSeq(resume map[string]int64, c store.Conversation) int64 {
	if seq, ok := resume[c.ID]; ok {
		return min(seq, c.LastSeq)
	}
	return c.LastSeq
}

// handle serves one frame after hello.
func (vs *visitorSession) handle(ctx context.Context, f protocol.ClientFrame) {
	switch f := f.(type) {
	case *protocol.Send:
		vs.onSend(ctx, f)
	case *protocol.Typing:
		if vs.owns(ctx, f.Conv) {
			vs.h.chat.VisitorTyping(ctx, vs.visitor, f.Conv, f.On, vs.id)
		}
	case *protocol.Read:
		vs.onRead(ctx, f)
	case *protocol.HistoryRequest:
		vs.onHistory(ctx, f, true)
	case *protocol.Ping:
		vs.send(protocol.Pong{Type: protocol.TypePong, ID: f.ID})
	case *protocol.Hello:
		vs.sendError(protocol.NewError(protocol.CodeBadFrame, "hello was already received"))
	}
}

// onRead records a read receipt when it moves forward; repeats cost no
// write.
func (vs *visitorSession) onRead(ctx context.Context, f *protocol.Read) {
	if f.Seq <= vs.readSeq[f.Conv] {
		return
	}
	if err := vs.h.chat.VisitorRead(ctx, vs.visitor, f.Conv, f.Seq, vs.id); err != nil {
		vs.sendError(errorFrame("", err))
		return
	}
	vs.readSeq[f.Conv] = f.Seq
}

func (vs *visitorSession) onSend(ctx context.Context, f *protocol.Send) {
	if l := vs.h.cfg.VisitorSends; l != nil {
		if ok, wait := l.Allow(vs.visitor.ID); !ok {
			e := protocol.NewError(protocol.CodeRateLimited, "sending too fast").WithID(f.ID)
			e.RetryAfterMS = int(wait.Milliseconds()) + 1
			vs.sendError(e)
			return
		}
	}
	vs.addPending(f.Conv, f.CMID, f.ID)
	ack := func(m store.Message) { vs.queueAck(m) }
	if _, err := vs.h.chat.VisitorSend(ctx, vs.visitor, f.Conv, f.CMID, f.Body, vs.id, ack); err != nil {
		vs.dropPending(f.CMID)
		vs.sendError(errorFrame(f.ID, err))
	}
}
