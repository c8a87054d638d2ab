package render_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/reflect-cpd/reflect/internal/cpdlog"
	"github.com/reflect-cpd/reflect/internal/portfolio"
	"github.com/reflect-cpd/reflect/internal/render"
	"github.com/reflect-cpd/reflect/internal/rules"
)

var pnow = time.Date(2026, 12, 2, 10, 0, 0, 0, time.UTC)

// samplePortfolio is an NMC cycle with something of every kind, and text
// that tries to break out of each format.
func samplePortfolio(t *testing.T, regulator string) *portfolio.Portfolio {
	t.Helper()
	set, err := rules.Shipped()
	if err != nil {
		t.Fatal(err)
	}
	l, _ := cpdlog.Parse("log", nil)
	items := []cpdlog.Item{
		{Kind: cpdlog.KindSettings, Name: "Siân Ó Briain", Registration: "12A3456E", Renewal: "2027-03-31"},
		{Kind: cpdlog.KindActivity, Title: "Safety planning <script>alert(1)</script> | # study day", Start: "2025-03-01", Type: "course", Hours: 6.5, ParticipatoryHours: 6.5, Themes: []string{"preserve-safety"}},
		{Kind: cpdlog.KindActivity, Title: "Reading NICE NG225", Start: "2026-01-10", Type: "reading", Hours: 3},
		{Kind: cpdlog.KindPractice, Start: "2024-04-01", End: "2025-03-31", Organisation: "City Hospital", Postcode: "NG5 1PB", Scope: "clinical", Hours: 1380},
		{Kind: cpdlog.KindFeedback, Date: "2026-02-01", Source: "patient", Description: "Felt listened to", Learning: "Slow down"},
		{Kind: cpdlog.KindAccount, Date: "2026-02-02", Title: "Feedback", Description: "Nature", Learning: "Learnt — with a dash", Impact: "Changed", Themes: []string{"prioritise-people"}},
		{Kind: cpdlog.KindDiscussion, Date: "2026-11-01", PartnerName: "Sam Patel", PartnerPIN: "98B7654C", PartnerEmail: "sam@example.org", PartnerAddress: "Hucknall Road", PartnerPostcode: "NG5 1PB"},
		{Kind: cpdlog.KindGap, Start: "2025-06-01", End: "2025-12-01", Explanation: "Parental leave"},
		{Kind: cpdlog.KindProfile, Date: "2026-06-01", Summary: "I work in liaison.", Statement: "My CPD…", Chosen: []string{"x"}},
	}
	for i, it := range items {
		it := it
		id := l.NewID(it.Kind)
		op := cpdlog.OpAdd
		if it.Kind == cpdlog.KindSettings {
			id, op = cpdlog.SettingsID, cpdlog.OpEdit
		}
		if _, _, err := l.Append(op, id, &it, "", pnow.Add(time.Duration(i)*time.Minute), "t"); err != nil {
			t.Fatal(err)
		}
	}
	renewal := "2027-03-31"
	if regulator == "hcpc" {
		renewal = "2026-12-31"
	}
	p, err := portfolio.Build(portfolio.Input{Rules: set.Get(regulator), Log: l, Renewal: renewal, Today: pnow})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func portfolioOut(t *testing.T, format string, p *portfolio.Portfolio) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := render.ExportPortfolio(&b, format, p, "9.9.9-test", pnow); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestPortfolioFormatsSayTheSame(t *testing.T) {
	for _, reg := range []string{"nmc", "hcpc", "swe", "gmc"} {
		p := samplePortfolio(t, reg)
		for _, f := range []string{"text", "md", "html"} {
			out := string(portfolioOut(t, f, p))
			for _, q := range p.Requirements {
				if !strings.Contains(out, q.Title) {
					t.Errorf("%s %s: requirement %q missing", reg, f, q.Title)
				}
			}
			if !strings.Contains(out, "Siân Ó Briain") {
				t.Errorf("%s %s: no name", reg, f)
			}
			if f == "html" && strings.Contains(out, "<script>") {
				t.Errorf("%s html: text not escaped", reg)
			}
			if f == "md" && strings.Contains(out, "| # study") {
				t.Errorf("%s md: a pipe in a cell breaks the table", reg)
			}
		}
	}
	nmc := string(portfolioOut(t, "text", samplePortfolio(t, "nmc")))
	for _, w := range []string{"Reflective discussion form", "98B7654C", "Confirmation form", "Confirmer's name:", "______", "Practice hours log", "What did you learn"} {
		if !strings.Contains(nmc, w) {
			t.Errorf("NMC text lacks %q", w)
		}
	}
	hcpc := strings.Join(strings.Fields(string(portfolioOut(t, "text", samplePortfolio(t, "hcpc")))), " ")
	for _, w := range []string{"Gap of 10 months, explained: Parental leave", "4 of up to 500 words", "1 (the HCPC asks for 4 to 6)"} {
		if !strings.Contains(hcpc, w) {
			t.Errorf("HCPC text lacks %q:\n%s", w, hcpc)
		}
	}
}

func TestPortfolioHTMLInHeadlessChromium(t *testing.T) {
	bin := lookPath(t, "chromium", "chromium-browser", "google-chrome")
	dir := t.TempDir()
	for _, reg := range []string{"nmc", "hcpc"} {
		page := filepath.Join(dir, reg+".html")
		if err := os.WriteFile(page, portfolioOut(t, "html", samplePortfolio(t, reg)), 0o600); err != nil {
			t.Fatal(err)
		}
		res := chromium(t, bin, page)
		if len(res.console) > 0 {
			t.Errorf("%s: console messages:\n%s", reg, strings.Join(res.console, "\n"))
		}
		if len(res.requests) > 0 {
			t.Errorf("%s: the page made network requests: %v", reg, res.requests)
		}
		if share := inked(t, res.png); share < 0.02 {
			t.Errorf("%s: the screenshot is nearly blank (%.1f%% inked)", reg, share*100)
		}
	}
}

func TestPortfolioPDFWithPoppler(t *testing.T) {
	pdftotext := lookPath(t, "pdftotext")
	pdftoppm := lookPath(t, "pdftoppm")
	dir := t.TempDir()
	file := filepath.Join(dir, "nmc.pdf")
	sample := samplePortfolio(t, "nmc")
	data := portfolioOut(t, "pdf", sample)
	if err := os.WriteFile(file, data, 0o600); err != nil {
		t.Fatal(err)
	}
	// The same bytes every time (dates come from the clock given).
	if again := portfolioOut(t, "pdf", sample); !bytes.Equal(again, data) {
		t.Error("the PDF differs between two runs")
	}
	out, err := exec.Command(pdftotext, "-enc", "UTF-8", file, "-").CombinedOutput()
	if err != nil {
		t.Fatalf("pdftotext: %v\n%s", err, out)
	}
	text := string(out)
	for _, want := range []string{"NMC revalidation portfolio", "Siân Ó Briain", "Reflective discussion form", "Confirmation form", "Sam Patel", "Learnt — with a dash", "Page 1 of"} {
		if !strings.Contains(text, want) {
			t.Errorf("the PDF's text lacks %q", want)
		}
	}
	if out, err := exec.Command(pdftoppm, "-png", "-r", "40", file, filepath.Join(dir, "page")).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v\n%s", err, out)
	}
	pages, _ := filepath.Glob(filepath.Join(dir, "page*.png"))
	if len(pages) < 4 {
		t.Fatalf("%d pages", len(pages))
	}
	for _, p := range pages {
		if inked(t, p) < 0.005 {
			t.Errorf("%s is blank", filepath.Base(p))
		}
	}
}
