// Package store defines Parley's persistence seam: the Store interface, the
// records it keeps, and the errors it returns. Implementations live in the
// sqlite and postgres sub-packages and pass the same contract suite
// (storetest).
package store

import (
	"context"
	"errors"
	"time"
)

// Sentinel errors. Implementations wrap them so callers test with errors.Is.
var (
	ErrNotFound    = errors.New("not found")
	ErrConflict    = errors.New("conflict")
	ErrUnavailable = errors.New("store unavailable")
)

// Store is everything the server persists.
type Store interface {
	Sites
	Agents
	Sessions
	Visitors
	Conversations
	Messages
	Canned
	Invites
	// Ping reports whether the store can serve requests.
	Ping(ctx context.Context) error
	// Close releases the store's resources.
	Close() error
}

// Sites keeps the sites that embed the widget.
type Sites interface {
	CreateSite(ctx context.Context, s Site) (Site, error)
	SiteByID(ctx context.Context, id string) (Site, error)
	SiteByKey(ctx context.Context, key string) (Site, error)
	ListSites(ctx context.Context) ([]Site, error)
	UpdateSite(ctx context.Context, s Site) (Site, error)
}

// Agents keeps agent accounts and their API tokens. Tokens and passwords are
// stored as hashes only; callers hash before calling.
type Agents interface {
	CreateAgent(ctx context.Context, a Agent) (Agent, error)
	AgentByID(ctx context.Context, id string) (Agent, error)
	AgentByEmail(ctx context.Context, email string) (Agent, error)
	ListAgents(ctx context.Context) ([]Agent, error)
	UpdateAgent(ctx context.Context, a Agent) (Agent, error)
	CreateToken(ctx context.Context, t Token) (Token, error)
	// AgentByToken returns the enabled agent owning the unrevoked token with
	// this hash.
	AgentByToken(ctx context.Context, tokenHash string) (Agent, error)
	RevokeToken(ctx context.Context, id string) error
	// ListTokens returns an agent's tokens, revoked ones too, oldest first.
	ListTokens(ctx context.Context, agentID string) ([]Token, error)
}

// Canned keeps the team's canned responses. Shortcuts are unique
// case-insensitively: a clash is ErrConflict.
type Canned interface {
	CreateCanned(ctx context.Context, c CannedResponse) (CannedResponse, error)
	// ListCanned returns every canned response by shortcut.
	ListCanned(ctx context.Context) ([]CannedResponse, error)
	// UpdateCanned replaces shortcut, title and body and sets UpdatedAt.
	UpdateCanned(ctx context.Context, c CannedResponse) (CannedResponse, error)
	DeleteCanned(ctx context.Context, id string) error
}

// Invites keeps one-time invitations to join the team; only a hash of
// an invite's token is stored.
type Invites interface {
	CreateInvite(ctx context.Context, inv Invite) (Invite, error)
	// InviteByHash returns the invite with this token hash, used or
	// expired ones too, so callers can say why it no longer works.
	InviteByHash(ctx context.Context, tokenHash string) (Invite, error)
	// AcceptInvite marks the unused, unexpired invite with this hash used
	// and creates a, in one transaction. An invite used or expired
	// meanwhile is ErrConflict; a's email in use is ErrConflict too.
	AcceptInvite(ctx context.Context, tokenHash string, a Agent) (Agent, error)
}

// Sessions keeps agents' console sign-ins. Only a hash of the session
// token is stored.
type Sessions interface {
	CreateSession(ctx context.Context, s Session) (Session, error)
	// SessionByHash returns the unexpired session with this token hash
	// whose agent is enabled.
	SessionByHash(ctx context.Context, tokenHash string) (Session, error)
	// TouchSession moves a session's expiry forward (sliding sign-in).
	TouchSession(ctx context.Context, id string, expires time.Time) error
	DeleteSession(ctx context.Context, id string) error
	// DeleteAgentSessions signs an agent out everywhere.
	DeleteAgentSessions(ctx context.Context, agentID string) error
}

// Visitors keeps website visitors.
type Visitors interface {
	CreateVisitor(ctx context.Context, v Visitor) (Visitor, error)
	VisitorByID(ctx context.Context, id string) (Visitor, error)
	// VisitorByToken finds a visitor of a site by the hash of their token.
	VisitorByToken(ctx context.Context, siteID, tokenHash string) (Visitor, error)
	// UpdateVisitor saves page, locale, identity, attributes, user agent,
	// time zone and last seen.
	UpdateVisitor(ctx context.Context, v Visitor) (Visitor, error)
}

// Conversations keeps conversations and their state.
type Conversations interface {
	ConversationByID(ctx context.Context, id string) (Conversation, error)
	// ListConversations returns conversations newest activity first.
	ListConversations(ctx context.Context, f ConversationFilter) ([]Conversation, error)
	// UpdateConversation applies the non-nil fields of p.
	UpdateConversation(ctx context.Context, id string, p ConversationPatch) (Conversation, error)
	// MarkRead records that a participant has read up to seq (never moving
	// backwards) and returns the conversation.
	MarkRead(ctx context.Context, convID, authorKind string, seq int64) (Conversation, error)
	// InboxEntries returns what ListConversations(f) returns, each with its
	// visitor, newest message and (with f.Query) newest matching message,
	// in one round trip.
	InboxEntries(ctx context.Context, f ConversationFilter) ([]InboxEntry, error)
	// WakeSnoozed reopens, atomically, the snoozed conversations whose
	// SnoozedUntil is set and not after now, and returns them reopened. Of
	// several callers at once, each conversation is returned to one only.
	WakeSnoozed(ctx context.Context, now time.Time) ([]Conversation, error)
}

// Messages keeps messages and notes.
type Messages interface {
	// StartConversation creates a conversation for a visitor together with
	// its first message, atomically. A retry with the same visitor and CMID
	// returns the original conversation and message with Created false.
	StartConversation(ctx context.Context, siteID, visitorID string, m NewMessage) (Conversation, Message, error)
	// AppendMessage stores m with the conversation's next seq in one
	// transaction. A repeat of (conversation, author, CMID) returns the
	// stored message with Created false and changes nothing. A visitor
	// message reopens a resolved or snoozed conversation, and is stored
	// only in a conversation of that visitor (AuthorID): in another one it
	// is ErrNotFound, as for a conversation that does not exist.
	AppendMessage(ctx context.Context, m NewMessage) (Message, error)
	// MessagesAfter returns up to limit messages with seq > after, in seq
	// order.
	MessagesAfter(ctx context.Context, convID string, after int64, limit int) ([]Message, error)
	// MessagesBefore returns up to limit messages with seq < before (0 means
	// the newest), in seq order.
	MessagesBefore(ctx context.Context, convID string, before int64, limit int) ([]Message, error)
	// AppendNote stores an internal note; idempotent on (conversation,
	// author, CMID) like AppendMessage. Notes have no seq.
	AppendNote(ctx context.Context, m NewMessage) (Note, error)
	// Notes returns a conversation's notes, oldest first.
	Notes(ctx context.Context, convID string) ([]Note, error)
}

// Roles of agents.
const (
	RoleOwner = "owner"
	RoleAdmin = "admin"
	RoleAgent = "agent"
)

// ValidRole reports whether r is an agent role.
func ValidRole(r string) bool { return r == RoleOwner || r == RoleAdmin || r == RoleAgent }

// Site is a website that embeds the widget.
type Site struct {
	ID             string
	Key            string // public key used in the embed snippet
	Name           string
	Origins        []string // allowed origins, e.g. https://shop.example
	IdentitySecret string   // HMAC secret for verified visitor identity
	Widget         WidgetSettings
	CreatedAt      time.Time
}

// WidgetSettings is how a site's widget looks.
type WidgetSettings struct {
	Color        string
	Position     string // "right" or "left"
	Greeting     string
	LauncherText string
	Locale       string // "" follows the browser
	PreChatForm  bool
}

// Agent is a person answering chats.
type Agent struct {
	ID           string
	Email        string
	Name         string
	Role         string
	PasswordHash string
	Disabled     bool
	CreatedAt    time.Time
}

// Token is an API token; only its hash is stored.
type Token struct {
	ID        string
	AgentID   string
	Name      string
	Hash      string
	CreatedAt time.Time
	RevokedAt time.Time
}

// CannedResponse is a reply an agent inserts by typing /shortcut.
type CannedResponse struct {
	ID        string
	Shortcut  string
	Title     string
	Body      string
	CreatedBy string // agent id
	UpdatedAt time.Time
}

// Invite is an invitation to join the team with a role.
type Invite struct {
	ID        string
	Email     string
	Name      string
	Role      string
	TokenHash string
	CreatedBy string // agent id
	CreatedAt time.Time
	ExpiresAt time.Time
	UsedAt    time.Time // zero until accepted
}

// Session is an agent signed in to the console.
type Session struct {
	ID        string
	AgentID   string
	TokenHash string
	CSRF      string // the token state-changing requests must echo
	CreatedAt time.Time
	ExpiresAt time.Time
}

// Visitor is a person chatting through the widget.
type Visitor struct {
	ID         string
	SiteID     string
	TokenHash  string
	Name       string
	Email      string
	UserID     string // from a verified identity
	Verified   bool
	Page       Page
	Locale     string
	Attributes map[string]string
	UserAgent  string // the User-Agent header of the visitor's latest socket
	Timezone   string // IANA time zone name the widget reported; "" when unknown
	CreatedAt  time.Time
	LastSeenAt time.Time
}

// Page is where a visitor was last seen.
type Page struct {
	URL      string
	Title    string
	Referrer string
}

// Conversation is one thread between a visitor and the site's agents.
type Conversation struct {
	ID             string
	SiteID         string
	VisitorID      string
	Status         string
	Assignee       string // agent id, "" when unassigned
	Priority       string
	Tags           []string
	LastSeq        int64
	VisitorReadSeq int64
	AgentReadSeq   int64
	CreatedAt      time.Time
	UpdatedAt      time.Time // last activity
	SnoozedUntil   time.Time
	// WaitingSince is when the visitor's unanswered messages began: set by
	// a visitor message when zero, cleared by an agent message.
	WaitingSince time.Time
}

// InboxEntry is a conversation as the console's inbox lists it.
type InboxEntry struct {
	Conversation Conversation
	Visitor      Visitor  // ID, Name and Email only
	Last         *Message // the newest message; nil for none
	Match        *Message // with a Query, the newest message matching it; nil when only the visitor matched
}

// ConversationFilter selects conversations. Zero fields match everything.
type ConversationFilter struct {
	SiteIDs   []string
	Status    string
	Assignee  string // agent id; "none" for unassigned
	VisitorID string
	// Before and BeforeID page through the list: only conversations that
	// sort after (Before, BeforeID) in the newest-first order are returned.
	// With BeforeID empty, activity strictly before Before.
	Before   time.Time
	BeforeID string
	Limit    int // 0 means 50
	// Query keeps conversations whose visitor's name or email, or any
	// message's text, contains it, ignoring case (ASCII letters).
	Query string
}

// ConversationPatch lists the fields to change; nil leaves a field alone.
type ConversationPatch struct {
	Status       *string
	Assignee     *string
	Priority     *string
	Tags         *[]string
	SnoozedUntil *time.Time
}

// NewMessage is a message (or note) to store.
type NewMessage struct {
	ConvID     string
	AuthorKind string
	AuthorID   string
	AuthorName string
	CMID       string
	Body       string
}

// Message is a stored message.
type Message struct {
	ID         string
	ConvID     string
	Seq        int64
	AuthorKind string
	AuthorID   string
	AuthorName string
	CMID       string
	Body       string
	At         time.Time
	// Created is false when the call found an earlier message with the same
	// CMID instead of storing a new one.
	Created bool
	// Reopened is true when this visitor message moved the conversation
	// back to open.
	Reopened bool
}

// Note is an internal note, seen by agents only.
type Note struct {
	ID         string
	ConvID     string
	AuthorID   string
	AuthorName string
	CMID       string
	Body       string
	At         time.Time
	Created    bool
}
