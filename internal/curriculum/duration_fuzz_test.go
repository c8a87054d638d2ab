package curriculum

import "testing"

// FuzzParseDuration feeds arbitrary text to the duration reader used for
// every module, session and course duration. It must never panic, and a
// duration it accepts is a whole number of minutes, not negative.
func FuzzParseDuration(f *testing.F) {
	for _, s := range []string{"45m", "1h30m", "1h 30m", "1.5h", "90 minutes", "2 hours", "1 hour and 15 minutes", "90", "1 day", "999999h", "0.001h", "-5m", "1e9m", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		m, err := ParseDuration(s)
		if err == nil && m < 0 {
			t.Fatalf("ParseDuration(%q) = %d minutes", s, m)
		}
	})
}
