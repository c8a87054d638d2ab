package render

import (
	"strings"
	"testing"

	"github.com/reflect-cpd/reflect/internal/record"
	"github.com/reflect-cpd/reflect/internal/testfixture"
)

func TestPDFString(t *testing.T) {
	for in, want := range map[string]string{
		"Sia\u0302n O\u0301 Briain":        "Siân Ó Briain", // combining accents composed
		"Siân Ó Briain — “quoted” – ‘x’ …": "Siân Ó Briain — “quoted” – ‘x’ …",
		"emoji 😀 and 漢字":                   "emoji ? and ??",
		"tab\there\x01\x7f\u200b!":         "tab here!",
		"line\nbreak":                      "line\nbreak",
		"Ŵ ŷ ð þ ß € £":                    "Ŵ ŷ ð þ ß € £",
	} {
		if got := pdfString(in); got != want {
			t.Errorf("pdfString(%q) = %q, want %q", in, got, want)
		}
	}
}

func longText(words int) string {
	base := strings.Fields("I read the guidance again and talked it through with my supervisor, noting what I would do differently next time.")
	var out []string
	for len(out) < words {
		out = append(out, base...)
	}
	return strings.Join(out[:words], " ")
}

func fullRecord(t *testing.T) (*record.Record, RecordOptions) {
	t.Helper()
	set, err := testfixture.MiniSet()
	if err != nil {
		t.Fatal(err)
	}
	r, err := testfixture.Full(set)
	if err != nil {
		t.Fatal(err)
	}
	return r, RecordOptions{Set: set, ToolVersion: "test", Now: testfixture.Clock}
}

// TestPDFLongNoteSplitsAcrossPages: a table row taller than a page (a
// 2,000-word note) is split across pages, line by line, instead of
// leaving pages with one line on each (a 600-word note used to make a
// 35-page PDF).
func TestPDFLongNoteSplitsAcrossPages(t *testing.T) {
	r, opt := fullRecord(t)
	_, base, err := recordPDF(r, opt)
	if err != nil {
		t.Fatal(err)
	}
	r.Answers[0].Note = longText(2000)
	_, lay, err := recordPDF(r, opt)
	if err != nil {
		t.Fatal(err)
	}
	// The note is about 250 lines of its column; a page holds about 55,
	// so it adds five pages or six, not hundreds.
	if base.Pages != 6 || lay.Pages != 12 {
		t.Errorf("pages: %d without the note (want 6), %d with a 2,000-word note (want 12)", base.Pages, lay.Pages)
	}
	if lay.SummaryPages > 2 || base.SummaryPages > 2 {
		t.Errorf("the summary takes %d pages (%d without the note)", lay.SummaryPages, base.SummaryPages)
	}
	r.Answers[0].Note = longText(600)
	if _, lay, _ := recordPDF(r, opt); lay.Pages > base.Pages+2 {
		t.Errorf("a 600-word note makes %d pages, %d more than without it", lay.Pages, lay.Pages-base.Pages)
	}
}

// TestPDFSummaryKeepsToTwoPages: with a reflection of 2,000 words a
// section, the summary still ends by page 2 (the reflection is shortened
// there and is in full in the appendix), and --summary stops there.
func TestPDFSummaryKeepsToTwoPages(t *testing.T) {
	r, opt := fullRecord(t)
	for i := range r.Reflection.Sections {
		r.Reflection.Sections[i].Text = longText(2000)
	}
	_, lay, err := recordPDF(r, opt)
	if err != nil {
		t.Fatal(err)
	}
	if lay.SummaryPages > 2 || lay.Pages < 8 {
		t.Errorf("summary %d pages of %d; want at most 2, and the reflection in full after it", lay.SummaryPages, lay.Pages)
	}
	opt.SummaryOnly = true
	_, lay, err = recordPDF(r, opt)
	if err != nil || lay.Pages != lay.SummaryPages || lay.Pages > 2 {
		t.Errorf("--summary: %d pages (summary %d), %v", lay.Pages, lay.SummaryPages, err)
	}
	d := buildRecordDoc(r, opt)
	if !d.Summary.Shortened || !strings.Contains(d.Summary.Sections[0].Text, "continued in full in the appendix") {
		t.Error("the summary does not say the reflection continues in the appendix")
	}
}
