package account

import "strings"

// browsers are the User-Agent tokens of known browsers, most specific
// first: Edge and Opera also say Chrome, Chrome also says Safari.
var browsers = []struct{ token, name string }{
	{"EdgA/", "Edge"}, {"EdgiOS/", "Edge"}, {"Edg/", "Edge"},
	{"OPR/", "Opera"}, {"SamsungBrowser/", "Samsung Internet"},
	{"FxiOS/", "Firefox"}, {"Firefox/", "Firefox"},
	{"CriOS/", "Chrome"}, {"Chrome/", "Chrome"},
}

// systems are operating system tokens, most specific first: Android also
// says Linux, iOS says "like Mac OS X".
var systems = []struct{ token, name string }{
	{"Windows", "Windows"}, {"Android", "Android"}, {"iPhone", "iOS"}, {"iPad", "iOS"},
	{"CrOS", "ChromeOS"}, {"Macintosh", "macOS"}, {"Mac OS X", "macOS"}, {"Linux", "Linux"},
}

// BrowserLabel turns a User-Agent header into a short label such as
// "Chrome 156 · Windows": the browser and its major version, then the
// operating system, each left out when unknown. "" when nothing is known.
func BrowserLabel(ua string) string {
	var parts []string
	if b := browserName(ua); b != "" {
		parts = append(parts, b)
	}
	for _, s := range systems {
		if strings.Contains(ua, s.token) {
			parts = append(parts, s.name)
			break
		}
	}
	return strings.Join(parts, " · ")
}

// browserName is the browser and its major version, "" when unknown.
func browserName(ua string) string {
	for _, b := range browsers {
		if v, ok := majorAfter(ua, b.token); ok {
			return b.name + " " + v
		}
	}
	// Safari gives its version in "Version/", and is the only one left
	// that says Safari.
	if strings.Contains(ua, "Safari/") {
		if v, ok := majorAfter(ua, "Version/"); ok {
			return "Safari " + v
		}
		return "Safari"
	}
	return ""
}

// majorAfter finds token in ua and returns the digits that follow it.
func majorAfter(ua, token string) (string, bool) {
	i := strings.Index(ua, token)
	if i < 0 {
		return "", false
	}
	rest := ua[i+len(token):]
	n := 0
	for n < len(rest) && n < 6 && rest[n] >= '0' && rest[n] <= '9' {
		n++
	}
	return rest[:n], n > 0
}
