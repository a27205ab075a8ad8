package ws

import (
	"maps"
	"time"

	"github.com/parley-chat/parley/server/auth"
	"github.com/parley-chat/parley/server/store"
	"github.com/parley-chat/parley/shared/protocol"
)

// applyIdentity records what a hello says about the visitor. The verified
// mark holds only while hellos keep proving the same user id: an unproven
// identity clears it, so a verified badge never sits beside details the
// visitor made up.
func applyIdentity(v *store.Visitor, secret string, id *protocol.Identity) {
	v.Name, v.Email = id.Name, id.Email
	if auth.VerifyIdentity(secret, id.UserID, id.Hash) {
		v.UserID, v.Verified = id.UserID, true
		return
	}
	v.UserID, v.Verified = "", false
}

// mergeAttributes adds a hello's custom attributes, keeping at most
// protocol.MaxAttributes in all.
func mergeAttributes(v *store.Visitor, attrs map[string]string) {
	if len(attrs) == 0 {
		return
	}
	if v.Attributes == nil {
		v.Attributes = map[string]string{}
	}
	for k, val := range attrs {
		if _, ok := v.Attributes[k]; ok || len(v.Attributes) < protocol.MaxAttributes {
			v.Attributes[k] = val
		}
	}
}

// lastSeenStep is how stale a visitor's last-seen time may get before a
// hello that changes nothing else updates it.
const lastSeenStep = time.Minute

// unchangedVisit reports whether a hello leaves visitor before as it was,
// but for a last-seen time less than lastSeenStep newer. A reconnecting
// widget (every client of a node that restarted) then writes nothing.
func unchangedVisit(before, after store.Visitor) bool {
	return before.Page == after.Page && before.Locale == after.Locale && before.UserAgent == after.UserAgent &&
		before.Timezone == after.Timezone && before.Name == after.Name && before.Email == after.Email &&
		before.UserID == after.UserID && before.Verified == after.Verified &&
		maps.Equal(before.Attributes, after.Attributes) && after.LastSeenAt.Sub(before.LastSeenAt) < lastSeenStep
}
