package ws

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	"github.com/parley-chat/parley/server/auth"
	"github.com/parley-chat/parley/server/chat"
	"github.com/parley-chat/parley/server/store"
	"github.com/parley-chat/parley/shared/protocol"
)

// The agent protocol (/ws/agent) uses the frames of protocol v1 with these
// differences:
//
//   - hello carries "token": an API token (or, from the console, a session
//     token) and "resume" for up to MaxAgentResumeEntries conversations; no
//     "site". Origin must be the server's own or listed in
//     PARLEY_AGENT_ORIGINS (browsers); a bad token closes with 4001.
//   - welcome carries "agent" {id, name, email, role} and "conversations"
//     [{id, site, visitor, status, last_seq, assignee}]: the newest 1,000 of
//     every site. A conversation not named in resume starts at its last_seq.
//   - The socket receives message, typing, read and status frames of every
//     conversation of every site, and "note" frames {conv, note: msg} for
//     internal notes, which visitors never see.
//   - send needs "conv" and may set "note": true; a note is acked with seq 0.
//   - "team" {agent, state} tells every agent socket that an agent's
//     presence changed: state is "online" (a socket open, not away), "away"
//     (PUT /api/console/me/presence {"away": true}) or "offline" (no socket
//     open). A socket hears its own agent come online after its welcome;
//     GET /api/console/agents lists everyone's current state.
//   - A conversation the socket first hears of after the welcome is streamed
//     from seq 1 when it is young (≤ agentFillLimit messages), else from the
//     message that announced it; clients fetch older messages with history.
//   - status frames carry, for agents only, "priority", "tags" and
//     "snoozed_until" (omitted when empty); visitors get status and
//     assignee alone.
//   - viewing {conv, on} (agent-only, never sent to visitors) says the agent
//     has the conversation open in a visible tab (on) or has left it; the
//     other agent sockets get viewing {conv, author, on}. Consoles repeat
//     on:true every 20 s while viewing and drop an indicator not refreshed
//     for ~45 s; when a socket closes, the server sends on:false for each
//     conversation it last said it was viewing.
const agentFillLimit = 50

// agentConvs is how many conversations an agent welcome lists.
const agentConvs = 1000

type agentSession struct {
	*socket
	agent   store.Agent
	req     *http.Request   // the upgrade request, for its session cookie
	viewing map[string]bool // reader-owned: conversations this socket says it views
	sends   *lanes          // created at the first send
}

// Agent serves GET /ws/agent. Browsers may connect only from the server's
// own origin or PARLEY_AGENT_ORIGINS.
func (h *Handler) Agent(w http.ResponseWriter, r *http.Request) {
	if !originAllowed(r, h.cfg.PublicOrigin, h.cfg.AgentOrigins) {
		h.serve(w, r, protocol.AgentFrames, "agent", nil)
		return
	}
	h.serve(w, r, protocol.AgentFrames, "agent", func(s *socket, r *http.Request) session {
		return &agentSession{socket: s, req: r}
	})
}

func (as *agentSession) ended() {
	as.stopViewing()
	as.h.chat.Presence.AgentDisconnected(as.agent.ID)
}

var errAgentToken = protocol.NewError(protocol.CodeUnauthorized, "unknown or revoked API token, or not signed in")

func (as *agentSession) refuse(ctx context.Context, err error) {
	switch {
	case errors.Is(err, errAgentToken):
		refuse(ctx, as.conn, errAgentToken, protocol.CloseUnauthorized)
	case errors.Is(err, errRestarting):
		refuse(ctx, as.conn, errRestarting, protocol.CloseRestart)
	default:
		as.log.Warn("ws: agent hello failed", "err", err)
		refuse(ctx, as.conn, errorFrame("", err), protocol.CloseRestart)
	}
}

func (as *agentSession) start(ctx context.Context, _ *http.Request, hello *protocol.Hello) error {
	a, err := as.authenticate(ctx, hello.Token)
	if err != nil {
		return err
	}
	as.agent, as.principal = a, a.ID
	as.convs = as.conversations
	as.unknownStart = func(seq int64) int64 {
		if seq <= agentFillLimit {
			return 0
		}
		return seq - 1
	}
	if !as.h.register(as.socket) {
		return errRestarting
	}
	as.topics = []string{chat.AgentsTopic, chat.AgentTopic(a.ID)}
	if err := as.h.hub.Subscribe(ctx, as.socket, as.topics...); err != nil {
		as.topics = nil
		return err
	}
	if err := as.welcome(ctx, hello); err != nil {
		return err
	}
	as.h.chat.Presence.AgentConnected(a.ID)
	return nil
}

// authenticate accepts an API token, or, without one, the console's
// session cookie.
func (as *agentSession) authenticate(ctx context.Context, token string) (store.Agent, error) {
	if token == "" {
		if as.h.cfg.SessionAgent != nil {
			if a, sid, ok := as.h.cfg.SessionAgent(as.req); ok {
				as.session = sid
				return a, nil
			}
		}
		return store.Agent{}, errAgentToken
	}
	a, err := as.h.store.AgentByToken(ctx, auth.HashToken(token))
	if errors.Is(err, store.ErrNotFound) {
		return store.Agent{}, errAgentToken
	} else if err != nil {
		return store.Agent{}, fmt.Errorf("ws: agent hello: %w", err)
	}
	return a, nil
}

func (as *agentSession) conversations(ctx context.Context) ([]store.Conversation, error) {
	return as.h.store.ListConversations(ctx, store.ConversationFilter{Limit: agentConvs})
}

func (as *agentSession) welcome(ctx context.Context, hello *protocol.Hello) error {
	convs, err := as.conversations(ctx)
	if err != nil {
		return err
	}
	a := as.agent
	w := protocol.Welcome{Type: protocol.TypeWelcome, ID: hello.ID, Conversations: make([]protocol.ConvSummary, 0, len(convs)),
		Agent: &protocol.AgentInfo{ID: a.ID, Name: a.Name, Email: a.Email, Role: a.Role}}
	for _, c := range convs {
		w.Conversations = append(w.Conversations, chat.Summary(c, true))
		as.seqs[c.ID] = startSeq(hello.Resume, c)
	}
	// Resumed conversations beyond the welcome's list still catch up.
	for conv, seq := range hello.Resume {
		if _, ok := as.seqs[conv]; !ok {
			as.seqs[conv] = seq
		}
	}
	if err := as.writeJSON(ctx, w); err != nil {
		return err
	}
	as.push(out{kind: outResync})
	return nil
}

func (as *agentSession) handle(ctx context.Context, f protocol.ClientFrame) {
	switch f := f.(type) {
	case *protocol.Send:
		if as.sends == nil {
			as.sends = newLanes()
		}
		as.sends.do(f.Conv, func() { as.onSend(ctx, f) })
	case *protocol.Typing:
		c, err := as.h.store.ConversationByID(ctx, f.Conv)
		if err != nil {
			as.sendError(errorFrame("", err))
			return
		}
		as.h.chat.AgentTyping(ctx, as.agent, c, f.On, as.id)
	case *protocol.Read:
		if err := as.h.chat.AgentRead(ctx, as.agent, f.Conv, f.Seq, as.id); err != nil {
			as.sendError(errorFrame("", err))
		}
	case *protocol.HistoryRequest:
		as.history(ctx, f)
	case *protocol.Viewing:
		as.onViewing(ctx, f)
	case *protocol.Ping:
		as.send(protocol.Pong{Type: protocol.TypePong, ID: f.ID})
	case *protocol.Hello:
		as.sendError(protocol.NewError(protocol.CodeBadFrame, "hello was already received"))
	}
}

func (as *agentSession) onSend(ctx context.Context, f *protocol.Send) {
	if f.Note {
		n, err := as.h.chat.AgentNote(ctx, as.agent, f.Conv, f.CMID, f.Body, as.id)
		if err != nil {
			as.sendError(errorFrame(f.ID, err))
			return
		}
		as.send(protocol.Ack{Type: protocol.TypeAck, ID: f.ID, Conv: n.ConvID, CMID: n.CMID, At: n.At.UTC()})
		return
	}
	as.addPending(f.Conv, f.CMID, f.ID)
	ack := func(m store.Message) { as.queueAck(m) }
	if _, err := as.h.chat.AgentSend(ctx, as.agent, f.Conv, f.CMID, f.Body, as.id, ack); err != nil {
		as.dropPending(f.CMID)
		as.sendError(errorFrame(f.ID, err))
	}
}
