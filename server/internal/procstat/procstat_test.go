package procstat

import (
	"net/http/httptest"
	"testing"
)

func TestFromThisMachine(t *testing.T) {
	tests := []struct {
		name, remote, header string
		want                 bool
	}{
		{"IPv4 loopback", "127.0.0.1:5000", "", true},
		{"IPv6 loopback", "[::1]:5000", "", true},
		{"another machine", "10.0.0.7:5000", "", false},
		{"proxied from elsewhere", "127.0.0.1:5000", "X-Forwarded-For", false},
		{"RFC 7239 proxy", "127.0.0.1:5000", "Forwarded", false},
		{"no port", "127.0.0.1", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := httptest.NewRequest("GET", "/metrics?gc=1", nil)
			r.RemoteAddr = tt.remote
			if tt.header != "" {
				r.Header.Set(tt.header, "203.0.113.9")
			}
			if got := fromThisMachine(r); got != tt.want {
				t.Errorf("fromThisMachine = %v, want %v", got, tt.want)
			}
		})
	}
}
