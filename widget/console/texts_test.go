package console

import (
	"reflect"
	"strings"
	"testing"
)

// TestTextsComplete fails when a word is missing from a language, or a
// format's %s is missing from one of them.
func TestTextsComplete(t *testing.T) {
	en, zh := reflect.ValueOf(english).Elem(), reflect.ValueOf(chinese).Elem()
	for i := range en.NumField() {
		name := en.Type().Field(i).Name
		e, z := en.Field(i).String(), zh.Field(i).String()
		if e == "" || z == "" {
			t.Errorf("%s: english %q, chinese %q; both must be set", name, e, z)
		}
		if strings.Count(e, "%s") != strings.Count(z, "%s") {
			t.Errorf("%s: english %q and chinese %q differ in their %%s", name, e, z)
		}
	}
}

func TestTextsFor(t *testing.T) {
	tests := []struct {
		langs []string
		want  *texts
	}{
		{nil, english},
		{[]string{"zh-CN", "en"}, chinese},
		{[]string{"zh-TW"}, chinese},
		{[]string{"en-GB", "zh"}, english},
		{[]string{"fr", "zh"}, chinese},
		{[]string{"fr"}, english},
	}
	for _, tt := range tests {
		if got := textsFor(tt.langs); got != tt.want {
			t.Errorf("textsFor(%v) = %s, want %s", tt.langs, got.Lang, tt.want.Lang)
		}
	}
}
