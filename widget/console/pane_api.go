package console

// The console API calls of the conversation pane.

// conversation fetches one conversation with its visitor's profile.
func (a *api) conversation(conv string) (ConvDetail, error) {
	var d ConvDetail
	err := a.call("GET", "/conversations/"+conv, nil, &d)
	return d, err
}

// visitorConversations lists a visitor's conversations, newest first.
func (a *api) visitorConversations(visitor string) ([]Past, error) {
	var out struct{ Conversations []Past }
	err := a.call("GET", "/visitors/"+visitor+"/conversations", nil, &out)
	return out.Conversations, err
}

// update changes a conversation: any of status, assignee, priority, tags
// and snoozed_until.
func (a *api) update(conv string, change map[string]any) (ConvDetail, error) {
	var d ConvDetail
	err := a.call("PATCH", "/conversations/"+conv, change, &d)
	return d, err
}
