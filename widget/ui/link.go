package ui

import "github.com/parley-chat/parley/widget/conn"

// Link is the state the connection banner shows.
type Link string

// Banner states.
const (
	LinkConnecting   Link = "connecting"
	LinkOnline       Link = "online"
	LinkReconnecting Link = "reconnecting"
	LinkBackOnline   Link = "back-online"
	LinkUnavailable  Link = "unavailable" // refused for good
)

// NextLink is the banner's state once the client enters s, and whether
// the client has been online by then: a first connection says
// "connecting", a later one "reconnecting", and coming back says "back
// online".
func NextLink(cur Link, everOnline bool, s conn.State) (Link, bool) {
	switch s {
	case conn.StateOnline:
		if everOnline && cur != LinkOnline {
			return LinkBackOnline, true
		}
		return LinkOnline, true
	case conn.StateReconnecting:
		return LinkReconnecting, everOnline
	case conn.StateConnecting:
		if everOnline {
			return LinkReconnecting, true
		}
		return LinkConnecting, false
	}
	return cur, everOnline
}
