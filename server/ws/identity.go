package ws

import (
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
