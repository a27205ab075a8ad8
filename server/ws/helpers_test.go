package ws_test

import "github.com/parley-chat/parley/server/store"

func storeFilterAll() store.ConversationFilter { return store.ConversationFilter{Limit: 1000} }
