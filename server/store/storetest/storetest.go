// Package storetest is the contract every store.Store implementation must
// pass. A backend's test calls Run with a function that opens a fresh,
// empty store; the suite uses only the store.Store interface.
package storetest

import (
	"errors"
	"fmt"
	"reflect"
	"sync/atomic"
	"testing"
	"time"

	"github.com/parley-chat/parley/server/store"
)

// test is one contract check run against a fresh store.
type test struct {
	name string
	fn   func(t *testing.T, s store.Store)
}

// Run runs the whole contract suite, one subtest per check. open must
// return a new, empty store each time it is called and close it with
// t.Cleanup.
func Run(t *testing.T, open func(t *testing.T) store.Store) {
	groups := [][]test{siteTests(), agentTests(), tokenTests(), sessionTests(), visitorTests(),
		startTests(), appendTests(), pagingTests(), conversationTests(), listTests(), noteTests(), inboxTests(),
		cannedTests(), inviteTests(), tokenListTests(), visitorContextTests()}
	for _, group := range groups {
		for _, tc := range group {
			t.Run(tc.name, func(t *testing.T) { tc.fn(t, open(t)) })
		}
	}
}

// must fails the test at once on an unexpected error.
func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatalf("unexpected error: %v", err)
	}
}

// wantIs checks that err matches target (store.ErrNotFound and so on).
func wantIs(t *testing.T, err, target error) {
	t.Helper()
	if !errors.Is(err, target) {
		t.Errorf("error = %v, want errors.Is(err, %v)", err, target)
	}
}

// equal reports a difference between got and want.
func equal[T any](t *testing.T, what string, got, want T) {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%s = %+v, want %+v", what, got, want)
	}
}

var counter atomic.Int64

// unique returns a string no other call in this process returns.
func unique(prefix string) string {
	return fmt.Sprintf("%s-%d-%s", prefix, counter.Add(1), store.RandomString(3))
}

// tick sleeps long enough that the store's next timestamp is later, since
// stores may keep times to the millisecond.
func tick() { time.Sleep(3 * time.Millisecond) }

func mustSite(t *testing.T, s store.Store) store.Site {
	t.Helper()
	site, err := s.CreateSite(t.Context(), store.Site{Name: unique("site"), Origins: []string{"https://shop.example"}})
	must(t, err)
	return site
}

func mustAgent(t *testing.T, s store.Store) store.Agent {
	t.Helper()
	a, err := s.CreateAgent(t.Context(), store.Agent{Email: unique("agent") + "@example.com",
		Name: "Ann", Role: store.RoleAgent, PasswordHash: "hash"})
	must(t, err)
	return a
}

func mustVisitor(t *testing.T, s store.Store, siteID string) store.Visitor {
	t.Helper()
	v, err := s.CreateVisitor(t.Context(), store.Visitor{SiteID: siteID, TokenHash: unique("tok")})
	must(t, err)
	return v
}

// mustConv starts a conversation for a new visitor of a new site.
func mustConv(t *testing.T, s store.Store) store.Conversation {
	t.Helper()
	site := mustSite(t, s)
	c, _ := mustStart(t, s, site.ID, mustVisitor(t, s, site.ID).ID)
	return c
}

func mustStart(t *testing.T, s store.Store, siteID, visitorID string) (store.Conversation, store.Message) {
	t.Helper()
	c, m, err := s.StartConversation(t.Context(), siteID, visitorID, visitorMsg("", visitorID, unique("cmid")))
	must(t, err)
	return c, m
}

func mustAppend(t *testing.T, s store.Store, m store.NewMessage) store.Message {
	t.Helper()
	msg, err := s.AppendMessage(t.Context(), m)
	must(t, err)
	return msg
}

func visitorMsg(convID, visitorID, cmid string) store.NewMessage {
	return store.NewMessage{ConvID: convID, AuthorKind: "visitor", AuthorID: visitorID,
		CMID: cmid, Body: "hello " + cmid}
}

func agentMsg(convID, agentID, cmid string) store.NewMessage {
	return store.NewMessage{ConvID: convID, AuthorKind: "agent", AuthorID: agentID,
		AuthorName: "Ann", CMID: cmid, Body: "reply " + cmid}
}

// seqs lists the seqs of msgs.
func seqs(msgs []store.Message) []int64 {
	out := make([]int64, len(msgs))
	for i, m := range msgs {
		out[i] = m.Seq
	}
	return out
}

// seqRange returns from, from+1, …, to.
func seqRange(from, to int64) []int64 {
	out := []int64{}
	for i := from; i <= to; i++ {
		out = append(out, i)
	}
	return out
}
