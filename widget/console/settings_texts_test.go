package console

import (
	"reflect"
	"strings"
	"testing"
)

// TestSettingsTextsComplete: every settings word is set in both
// languages, with the same %s, and both languages carry them.
func TestSettingsTextsComplete(t *testing.T) {
	en, zh := reflect.ValueOf(settingsEnglish), reflect.ValueOf(settingsChinese)
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
	if english.Settings != settingsEnglish.Settings || chinese.Settings != settingsChinese.Settings {
		t.Error("texts does not embed the settings words")
	}
}
