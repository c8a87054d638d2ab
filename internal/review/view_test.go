package review_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/reflect-cpd/reflect/internal/record"
	"github.com/reflect-cpd/reflect/internal/review"
)

// The summary a reviewer reads labels the regulator as a regulator, and
// counts ratings as rated (N/A is answered too, and is counted apart).
func TestSummaryPractitionerAndCounts(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "..", "testdata", "records", "full.json"))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		regulator, registration, want string
	}{
		{"NMC", "12A3456E", "\nRegulator: NMC; registration number 12A3456E\n"},
		{"NMC", "", "\nRegulator: NMC\n"},
		{"", "12A3456E", "\nRegistration number: 12A3456E\n"},
	} {
		r, err := record.Decode("full.json", data)
		if err != nil {
			t.Fatal(err)
		}
		r.Practitioner.Regulator, r.Practitioner.Registration = c.regulator, c.registration
		var b strings.Builder
		if err := review.Summary(&b, r, 80); err != nil {
			t.Fatal(err)
		}
		out := b.String()
		if !strings.Contains(out, c.want) {
			t.Errorf("regulator %q, registration %q: want %q in\n%s", c.regulator, c.registration, c.want, out)
		}
		if want := "4 of 5 rated, 1 not applicable"; !strings.Contains(out, want) {
			t.Errorf("want %q in\n%s", want, out)
		}
	}
}
