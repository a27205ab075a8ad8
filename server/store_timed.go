package server

import (
	"context"
	"time"

	"github.com/parley-chat/parley/server/internal/histogram"
	"github.com/parley-chat/parley/server/store"
)

// timedStore times the hot calls of a store.Store into parley_store_seconds
// and passes everything else through. It adds only the methods of
// store.Store: anything an implementation offers beyond them is hidden.
type timedStore struct {
	store.Store
	appendMessage, startConversation, messagesAfter, listConversations, conversationByID, markRead *histogram.Histogram
	siteByKey, visitorByToken, createVisitor, updateVisitor                                        *histogram.Histogram
}

var _ store.Store = (*timedStore)(nil)

func timeStore(st store.Store, f *histogram.Family) *timedStore {
	return &timedStore{Store: st,
		appendMessage: f.With(opAppendMessage), startConversation: f.With(opStartConversation),
		messagesAfter: f.With(opMessagesAfter), listConversations: f.With(opListConversations),
		conversationByID: f.With(opConversationByID), markRead: f.With(opMarkRead), siteByKey: f.With(opSiteByKey),
		visitorByToken: f.With(opVisitorByToken), createVisitor: f.With(opCreateVisitor), updateVisitor: f.With(opUpdateVisitor)}
}

func (t *timedStore) AppendMessage(ctx context.Context, m store.NewMessage) (store.Message, error) {
	defer t.appendMessage.Since(time.Now())
	return t.Store.AppendMessage(ctx, m)
}

func (t *timedStore) StartConversation(ctx context.Context, siteID, visitorID string, m store.NewMessage) (store.Conversation, store.Message, error) {
	defer t.startConversation.Since(time.Now())
	return t.Store.StartConversation(ctx, siteID, visitorID, m)
}

func (t *timedStore) MessagesAfter(ctx context.Context, convID string, after int64, limit int) ([]store.Message, error) {
	defer t.messagesAfter.Since(time.Now())
	return t.Store.MessagesAfter(ctx, convID, after, limit)
}

func (t *timedStore) ListConversations(ctx context.Context, f store.ConversationFilter) ([]store.Conversation, error) {
	defer t.listConversations.Since(time.Now())
	return t.Store.ListConversations(ctx, f)
}

func (t *timedStore) ConversationByID(ctx context.Context, id string) (store.Conversation, error) {
	defer t.conversationByID.Since(time.Now())
	return t.Store.ConversationByID(ctx, id)
}

func (t *timedStore) MarkRead(ctx context.Context, convID, authorKind string, seq int64) (store.Conversation, error) {
	defer t.markRead.Since(time.Now())
	return t.Store.MarkRead(ctx, convID, authorKind, seq)
}

func (t *timedStore) SiteByKey(ctx context.Context, key string) (store.Site, error) {
	defer t.siteByKey.Since(time.Now())
	return t.Store.SiteByKey(ctx, key)
}

func (t *timedStore) VisitorByToken(ctx context.Context, siteID, tokenHash string) (store.Visitor, error) {
	defer t.visitorByToken.Since(time.Now())
	return t.Store.VisitorByToken(ctx, siteID, tokenHash)
}

func (t *timedStore) CreateVisitor(ctx context.Context, v store.Visitor) (store.Visitor, error) {
	defer t.createVisitor.Since(time.Now())
	return t.Store.CreateVisitor(ctx, v)
}

func (t *timedStore) UpdateVisitor(ctx context.Context, v store.Visitor) (store.Visitor, error) {
	defer t.updateVisitor.Since(time.Now())
	return t.Store.UpdateVisitor(ctx, v)
}
