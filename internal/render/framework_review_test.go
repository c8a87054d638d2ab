package render_test

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/reflect-cpd/reflect/internal/framework"
	"github.com/reflect-cpd/reflect/internal/render"
)

// frameworks show prints the licence and the review, and says when the next
// review is overdue (a YYYY-MM date is due at the end of its month).
func TestFrameworkShowsReviewAndLicence(t *testing.T) {
	f := miniSet(t).Get("mini")
	old, oldLic := f.Review, f.Provenance.Licence
	t.Cleanup(func() { f.Review, f.Provenance.Licence = old, oldLic })
	f.Review = &framework.Review{LastReviewed: "2026-12-02", Covered: "every statement against NICE NG225", NextDue: "2027-12"}
	f.Provenance.Licence = "CC BY 4.0"
	show := func(today time.Time) string {
		var b bytes.Buffer
		if err := render.FrameworkText(&b, f, render.FrameworkOptions{Width: 300, Today: today}); err != nil {
			t.Fatal(err)
		}
		return b.String()
	}
	in := show(time.Date(2027, 12, 31, 23, 0, 0, 0, time.UTC))
	if !strings.Contains(in, "Licence: CC BY 4.0") || !strings.Contains(in, "Content last reviewed 2026-12-02; next review due 2027-12. What the review covered: every statement against NICE NG225.") {
		t.Errorf("review or licence missing:\n%s", in)
	}
	if strings.Contains(in, "That date has passed") {
		t.Error("a review due in December 2027 is overdue on 31 December 2027")
	}
	if late := show(time.Date(2028, 1, 1, 9, 0, 0, 0, time.UTC)); !strings.Contains(late, "That date has passed") {
		t.Errorf("an overdue review is not flagged:\n%s", late)
	}
	if render.Overdue(f.Review, time.Time{}) {
		t.Error("with no clock nothing is overdue")
	}
}
