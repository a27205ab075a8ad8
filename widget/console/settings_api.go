package console

import "time"

// The settings screen's calls to the console API.

// SiteInfo is a site as GET /api/console/sites lists it.
type SiteInfo struct {
	ID      string     `json:"id"`
	Key     string     `json:"key"`
	Name    string     `json:"name"`
	Origins []string   `json:"origins"`
	Widget  WidgetLook `json:"widget"`
}

// WidgetLook is how a site's widget looks.
type WidgetLook struct {
	Color        string `json:"color"`
	Position     string `json:"position"`
	Greeting     string `json:"greeting"`
	LauncherText string `json:"launcher_text"`
	Locale       string `json:"locale"`
	PreChatForm  bool   `json:"pre_chat_form"`
}

// TokenInfo is one of the agent's API tokens, without its secret.
type TokenInfo struct {
	ID        string     `json:"id"`
	Name      string     `json:"name"`
	CreatedAt time.Time  `json:"created_at"`
	RevokedAt *time.Time `json:"revoked_at"`
}

// InviteResult is what POST /invites answers: a link, or an account and
// its password.
type InviteResult struct {
	Link     string `json:"link"`
	Password string `json:"password"`
}

// InviteInfo is who an invite link is for.
type InviteInfo struct {
	Email string `json:"email"`
	Name  string `json:"name"`
}

func (a *api) canned() ([]Canned, error) {
	var out struct{ Canned []Canned }
	err := a.call("GET", "/canned", nil, &out)
	return out.Canned, err
}

// saveCanned creates (id "") or replaces a canned response.
func (a *api) saveCanned(id string, cr Canned) (Canned, error) {
	body := map[string]string{"shortcut": cr.Shortcut, "title": cr.Title, "body": cr.Body}
	var out Canned
	if id == "" {
		return out, a.call("POST", "/canned", body, &out)
	}
	return out, a.call("PATCH", "/canned/"+id, body, &out)
}

func (a *api) deleteCanned(id string) error { return a.call("DELETE", "/canned/"+id, nil, nil) }

func (a *api) sites() ([]SiteInfo, error) {
	var out struct{ Sites []SiteInfo }
	err := a.call("GET", "/sites", nil, &out)
	return out.Sites, err
}

// saveSite creates (id "") or changes a site.
func (a *api) saveSite(id string, change map[string]any) (SiteInfo, error) {
	var out SiteInfo
	if id == "" {
		return out, a.call("POST", "/sites", change, &out)
	}
	return out, a.call("PATCH", "/sites/"+id, change, &out)
}

func (a *api) patchAgent(id string, change map[string]any) error {
	return a.call("PATCH", "/agents/"+id, change, nil)
}

func (a *api) invite(email, name, role, mode string) (InviteResult, error) {
	var out InviteResult
	err := a.call("POST", "/invites", map[string]string{"email": email, "name": name, "role": role, "mode": mode}, &out)
	return out, err
}

func (a *api) checkInvite(token string) (InviteInfo, error) {
	var out InviteInfo
	err := a.call("POST", "/invites/check", map[string]string{"token": token}, &out)
	return out, err
}

func (a *api) acceptInvite(token, name, password string) (Session, error) {
	var s Session
	err := a.call("POST", "/invites/accept", map[string]string{"token": token, "name": name, "password": password}, &s)
	return s, err
}

func (a *api) tokens() ([]TokenInfo, error) {
	var out struct{ Tokens []TokenInfo }
	err := a.call("GET", "/tokens", nil, &out)
	return out.Tokens, err
}

func (a *api) createToken(name string) (string, error) {
	var out struct{ Secret string }
	err := a.call("POST", "/tokens", map[string]string{"name": name}, &out)
	return out.Secret, err
}

func (a *api) revokeToken(id string) error { return a.call("DELETE", "/tokens/"+id, nil, nil) }

func (a *api) rename(name string) error {
	return a.call("PATCH", "/me", map[string]string{"name": name}, nil)
}

func (a *api) changePassword(current, next string) error {
	return a.call("POST", "/password", map[string]string{"current": current, "new": next}, nil)
}

// problem is the server's words for a refused call, or fallback.
func problem(err error, fallback string) string {
	if se, ok := err.(*statusError); ok && se.Msg != "" && se.Status < 500 {
		return se.Msg
	}
	return fallback
}
