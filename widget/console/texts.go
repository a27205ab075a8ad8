package console

// texts holds every word the console shows, in one place. Phase 1 is in
// English; Chinese joins it as a second value of this type.
type texts struct {
	Title, SignInTitle, SignInIntro, Email, Password, SignIn, SigningIn string
	WrongPassword, Throttled, Unavailable, SessionEnded                 string

	Inbox, Views, Unassigned, Mine, AllOpen, Pending, Resolved string
	Conversations, Empty, EmptyResolved, Loading               string
	WaitingFirst, NewestFirst                                  string
	SignOut, You, Visitor, VisitorNo, Teammate                 string

	Open, Snoozed, Status, AssignToMe, AssignedToYou, AssignedTo string
	Unassign, Resolve, Reopen, NotAssigned, ActionFailed         string
	Pick, PickHint                                               string

	Reply, Note, ReplyTo, NotePlaceholder, Send, AddNote, Hint string
	InternalNote, Sending, NotSent, Retry, Older, Typing       string
	Today, Yesterday, Now                                      string

	Connecting, Reconnecting, BackOnline, Offline string
}

var english = &texts{
	Title: "Parley", SignInTitle: "Sign in to Parley", SignInIntro: "Answer your visitors from one calm inbox.",
	Email: "Email", Password: "Password", SignIn: "Sign in", SigningIn: "Signing in…",
	WrongPassword: "Wrong email or password.", Throttled: "Too many attempts. Wait a minute, then try again.",
	Unavailable: "Parley is unavailable right now. Try again in a moment.", SessionEnded: "Your session ended. Sign in again.",

	Inbox: "Inbox", Views: "Inbox views", Unassigned: "Unassigned", Mine: "Your inbox", AllOpen: "All open",
	Pending: "Pending", Resolved: "Resolved", Conversations: "Conversations",
	WaitingFirst: "Longest waiting first", NewestFirst: "Newest first",
	Empty: "No conversations here. Nice work!", EmptyResolved: "Nothing resolved yet.", Loading: "Loading…",
	SignOut: "Sign out", You: "You", Visitor: "Visitor", VisitorNo: "Visitor #%s", Teammate: "a teammate",

	Open: "Open", Snoozed: "Snoozed", Status: "Status", AssignToMe: "Assign to me", AssignedToYou: "Assigned to you",
	AssignedTo: "Assigned to %s", Unassign: "Unassign", Resolve: "Resolve", Reopen: "Reopen",
	NotAssigned: "Unassigned", ActionFailed: "That change did not go through. Try again.",
	Pick: "Pick a conversation", PickHint: "Oldest waiting visitors are at the top of the list.",

	Reply: "Reply", Note: "Note", ReplyTo: "Reply to %s…", NotePlaceholder: "Write an internal note — only your team sees it…",
	Send: "Send", AddNote: "Add note", Hint: "Enter to send · Shift+Enter for a new line",
	InternalNote: "Internal note", Sending: "Sending…", NotSent: "Not sent.", Retry: "Retry",
	Older: "Loading earlier messages…", Typing: "%s is typing…",
	Today: "Today", Yesterday: "Yesterday", Now: "now",

	Connecting: "Connecting…", Reconnecting: "Reconnecting… replies you send now go out when we are back.",
	BackOnline: "Back online", Offline: "Offline",
}
