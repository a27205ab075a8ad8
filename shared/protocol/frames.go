// Package protocol defines the Parley wire protocol v1: the JSON frames that
// visitors and agents exchange with the server over WebSockets, their limits,
// and a strict decoder. It is the only package compiled into both the
// WebAssembly clients and the server.
package protocol

import "time"

// Limits of protocol v1.
const (
	MaxFrameBytes    = 16 << 10 // a text frame larger than this is closed with 1009
	MaxBodyChars     = 4000     // message body length in Unicode code points
	MaxHistoryLimit  = 100      // most messages one history request returns
	DefaultHistory   = 50       // limit used when a history request names none
	MaxIDChars       = 64       // request ids, cmids and conversation ids
	MaxResumeEntries = 200      // conversations one visitor hello may resume
	MaxAttributes    = 50       // custom attributes one hello may carry
	MaxAttrChars     = 255      // length of an attribute name or value

	// MaxAgentResumeEntries is the number of conversations one agent hello
	// may resume (agents follow every open conversation).
	MaxAgentResumeEntries = 5000
	// MaxAgentFrameBytes is the agent socket's frame limit: large enough
	// for a hello resuming MaxAgentResumeEntries conversations.
	MaxAgentFrameBytes = 256 << 10
)

// Frame types, client to server and server to client.
const (
	TypeHello    = "hello"
	TypeSend     = "send"
	TypeTyping   = "typing"
	TypeRead     = "read"
	TypeHistory  = "history"
	TypePing     = "ping"
	TypeWelcome  = "welcome"
	TypeAck      = "ack"
	TypeMessage  = "message"
	TypeNote     = "note"
	TypePresence = "presence"
	TypeStatus   = "status"
	TypeError    = "error"
	TypePong     = "pong"
	// TypeViewing is agent-only: who has a conversation open.
	TypeViewing = "viewing"
	TypeTeam    = "team" // agent sockets only: a teammate's presence changed
)

// Agent presence states, as team frames and the console API name them.
const (
	AgentOnline  = "online"
	AgentAway    = "away"
	AgentOffline = "offline"
)

// Close codes used by the server.
const (
	ClosePolicy       = 1008 // bad origin, banned
	CloseTooLarge     = 1009 // frame over MaxFrameBytes
	CloseRestart      = 1012 // node restarting: reconnect after jitter
	CloseUnauthorized = 4001 // do not retry with the same token
	CloseTooSlow      = 4008 // send queue overflowed: reconnect and resume
)

// Author kinds.
const (
	AuthorVisitor = "visitor"
	AuthorAgent   = "agent"
	AuthorBot     = "bot"
	AuthorSystem  = "system"
)

// Conversation statuses.
const (
	StatusOpen     = "open"
	StatusPending  = "pending"
	StatusSnoozed  = "snoozed"
	StatusResolved = "resolved"
)

// ValidStatus reports whether s is a conversation status.
func ValidStatus(s string) bool {
	switch s {
	case StatusOpen, StatusPending, StatusSnoozed, StatusResolved:
		return true
	}
	return false
}

// Page describes the page a visitor is on.
type Page struct {
	URL      string `json:"url"`
	Title    string `json:"title"`
	Referrer string `json:"referrer"`
}

// Identity is what a site tells Parley about a signed-in visitor. Hash is the
// hex HMAC-SHA256 of UserID under the site's identity secret.
type Identity struct {
	UserID string `json:"user_id"`
	Email  string `json:"email"`
	Name   string `json:"name"`
	Hash   string `json:"hash"`
}

// Hello opens a session. Visitors name the site and their token ("" when
// new); agents send their API token. Resume maps conversation id to the last
// seq the client has seen.
type Hello struct {
	Type     string           `json:"type"`
	ID       string           `json:"id,omitempty"`
	Site     string           `json:"site,omitempty"`
	Token    string           `json:"token"`
	Resume   map[string]int64 `json:"resume,omitempty"`
	Page     Page             `json:"page"`
	Locale   string           `json:"locale,omitempty"`
	Identity *Identity        `json:"identity,omitempty"`
	// Attributes are the site's custom visitor attributes, set with
	// Parley('set', …) (an optional v1 field).
	Attributes map[string]string `json:"attributes,omitempty"`
	// Timezone is the visitor's IANA time zone, e.g. "Europe/Paris" (an
	// optional v1 field; a malformed one is ignored).
	Timezone string `json:"timezone,omitempty"`
}

// Send posts a message. Conv "" starts a new conversation (visitors only).
// Note is accepted on the agent socket only.
type Send struct {
	Type string `json:"type"`
	ID   string `json:"id"`
	Conv string `json:"conv"`
	CMID string `json:"cmid"`
	Body string `json:"body"`
	Note bool   `json:"note,omitempty"`
}

// Typing is the typing indicator, in both directions.
type Typing struct {
	Type   string  `json:"type"`
	Conv   string  `json:"conv"`
	On     bool    `json:"on"`
	Author *Author `json:"author,omitempty"`
}

// Read is a read receipt, in both directions.
type Read struct {
	Type   string  `json:"type"`
	Conv   string  `json:"conv"`
	Seq    int64   `json:"seq"`
	Author *Author `json:"author,omitempty"`
}

// HistoryRequest asks for up to Limit messages of Conv with seq < Before
// (Before 0 means the newest).
type HistoryRequest struct {
	Type   string `json:"type"`
	ID     string `json:"id"`
	Conv   string `json:"conv"`
	Before int64  `json:"before"`
	Limit  int    `json:"limit"`
}

// Ping keeps the connection alive; the server answers Pong.
type Ping struct {
	Type string `json:"type"`
	ID   string `json:"id,omitempty"`
}

// Author is who wrote a message.
type Author struct {
	Kind string `json:"kind"`
	ID   string `json:"id"`
	Name string `json:"name"`
}

// Msg is one stored message as clients see it.
type Msg struct {
	ID     string    `json:"id"`
	Seq    int64     `json:"seq"`
	CMID   string    `json:"cmid"`
	Author Author    `json:"author"`
	Body   string    `json:"body"`
	At     time.Time `json:"at"`
}

// Visitor carries a visitor's id and the token to present next time.
type Visitor struct {
	ID    string `json:"id"`
	Token string `json:"token"`
}

// AgentInfo describes the agent an agent socket belongs to.
type AgentInfo struct {
	ID    string `json:"id"`
	Name  string `json:"name"`
	Email string `json:"email"`
	Role  string `json:"role"`
}

// ConvSummary is a conversation as listed in a welcome.
type ConvSummary struct {
	ID       string `json:"id"`
	Site     string `json:"site,omitempty"`
	Visitor  string `json:"visitor,omitempty"`
	Status   string `json:"status"`
	LastSeq  int64  `json:"last_seq"`
	Assignee string `json:"assignee"`
}

// Presence is what a visitor learns about the site's agents.
type Presence struct {
	Type          string `json:"type,omitempty"`
	Online        bool   `json:"online"`
	ReplyTimeS    int    `json:"reply_time_s"`
	QueuePosition int    `json:"queue_position"`
	WaitS         int    `json:"wait_s"`
}

// Team tells agents that an agent's presence changed: State is
// AgentOnline, AgentAway or AgentOffline.
type Team struct {
	Type  string `json:"type"`
	Agent string `json:"agent"`
	State string `json:"state"`
}

// WidgetConfig is the site's widget look and texts.
type WidgetConfig struct {
	SiteName      string `json:"site_name"`
	Color         string `json:"color"`
	Position      string `json:"position"`
	Greeting      string `json:"greeting"`
	LauncherText  string `json:"launcher_text"`
	Locale        string `json:"locale"`
	PreChatForm   bool   `json:"prechat_form"`
	BusinessHours string `json:"hours,omitempty"`
}

// Welcome answers hello. Visitor sockets get Visitor, Presence and Config;
// agent sockets get Agent.
type Welcome struct {
	Type          string        `json:"type"`
	ID            string        `json:"id,omitempty"`
	Visitor       *Visitor      `json:"visitor,omitempty"`
	Agent         *AgentInfo    `json:"agent,omitempty"`
	Conversations []ConvSummary `json:"conversations"`
	Presence      *Presence     `json:"presence,omitempty"`
	Config        *WidgetConfig `json:"config,omitempty"`
}

// Ack confirms a stored message to its sender.
type Ack struct {
	Type string    `json:"type"`
	ID   string    `json:"id"`
	Conv string    `json:"conv"`
	CMID string    `json:"cmid"`
	Seq  int64     `json:"seq"`
	At   time.Time `json:"at"`
}

// Message delivers a stored message.
type Message struct {
	Type string `json:"type"`
	Conv string `json:"conv"`
	Seq  int64  `json:"seq"`
	Msg  Msg    `json:"msg"`
}

// Note delivers an internal note to agents; visitors never receive it.
type Note struct {
	Type string `json:"type"`
	Conv string `json:"conv"`
	Note Msg    `json:"note"`
}

// Status tells that a conversation's status or assignee changed. Agent
// sockets also get priority, tags and snoozed_until; visitors never do.
type Status struct {
	Type         string     `json:"type"`
	Conv         string     `json:"conv"`
	Status       string     `json:"status"`
	Assignee     string     `json:"assignee"`
	Priority     string     `json:"priority,omitempty"`
	Tags         []string   `json:"tags,omitempty"`
	SnoozedUntil *time.Time `json:"snoozed_until,omitempty"`
}

// Viewing says an agent has a conversation open in a visible tab (On) or
// no longer. Agents only: clients send {conv, on}; the server adds author.
type Viewing struct {
	Type   string  `json:"type"`
	Conv   string  `json:"conv"`
	On     bool    `json:"on"`
	Author *Author `json:"author,omitempty"`
}

// History answers a HistoryRequest, oldest first.
type History struct {
	Type     string `json:"type"`
	ID       string `json:"id"`
	Conv     string `json:"conv"`
	Messages []Msg  `json:"messages"`
}

// Pong answers Ping.
type Pong struct {
	Type string `json:"type"`
	ID   string `json:"id,omitempty"`
}
