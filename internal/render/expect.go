package render

import (
	"fmt"
	"html/template"
	"io"
	"strings"

	"github.com/reflect-cpd/reflect/internal/framework"
	"github.com/reflect-cpd/reflect/internal/lazy"
	"github.com/reflect-cpd/reflect/internal/readability"
	"github.com/reflect-cpd/reflect/internal/textutil"
)

// The guide for people who receive support and their families. It is
// built from each area's "expect" line, grouped by domain under the
// domain's plain-language title, with the framework's own introduction,
// where to get help now, what to do when care falls short and a notice
// about the guide itself (the framework file's guide block), and general
// wording where a file has none. Every format draws the same Guide.

// Guide is the plain-language guide as every format draws it.
type Guide struct {
	Title    string
	Intro    string
	Sections []GuideSection
	SpeakUp  string
	Help     []GuideHelp
	Notice   string
}

// GuideSection is one domain of the guide: a plain title and the expect
// lines of its areas.
type GuideSection struct {
	Title string
	Lines []string
}

// GuideHelp is one place to get help now.
type GuideHelp struct{ Name, Text string }

const defaultIntro = `This guide is for anyone who has self-harmed or had thoughts of suicide, and for the people who care about them. It says what you can expect from the staff and services you meet. Good support needs kindness, hope and no judging. It also needs knowledge, skills, and the sense to know when to bring in someone else.`

const defaultSpeakUp = `If your care does not feel like this, you can say so. You can ask to see someone else. You can ask for a family member or friend to be with you. You can also use the service's complaints process (in the NHS, PALS in England).`

var defaultHelp = []GuideHelp{
	{"Samaritans", "Call 116 123, free, day or night."},
	{"Shout", "Text SHOUT to 85258, free, day or night."},
	{"NHS urgent mental health help", "In England, call 111 and choose the mental health option. In Wales, call 111 and press 2. In Scotland, call NHS 24 on 111. In Northern Ireland, call Lifeline on 0808 808 8000."},
	{"Your GP", "Ask for an urgent appointment."},
	{"In an emergency", "If your life is in danger, call 999 or go to A&E."},
}

// BuildGuide assembles the guide for a framework.
func BuildGuide(f *framework.Framework) Guide {
	g := Guide{Title: "What you can expect: " + f.ShortTitle, Intro: defaultIntro, SpeakUp: defaultSpeakUp, Help: defaultHelp, Notice: defaultNotice(f)}
	if fg := f.Guide; fg != nil {
		if fg.Intro != "" {
			g.Intro = fg.Intro
		}
		if fg.SpeakUp != "" {
			g.SpeakUp = fg.SpeakUp
		}
		if fg.Notice != "" {
			g.Notice = fg.Notice
		}
		if len(fg.Help) > 0 {
			g.Help = nil
			for _, h := range fg.Help {
				g.Help = append(g.Help, GuideHelp{h.Name, h.Text})
			}
		}
	}
	for _, x := range []*string{&g.Intro, &g.SpeakUp, &g.Notice} {
		*x = oneLine(*x)
	}
	for i := range g.Help {
		g.Help[i] = GuideHelp{oneLine(g.Help[i].Name), oneLine(g.Help[i].Text)}
	}
	for _, d := range f.Domains {
		s := GuideSection{Title: d.GuideTitle}
		if s.Title == "" {
			s.Title = d.Title
		}
		for _, a := range d.Areas {
			s.Lines = append(s.Lines, oneLine(a.Expect))
		}
		g.Sections = append(g.Sections, s)
	}
	return g
}

// defaultNotice is the notice for readers of a guide made from a file
// that writes none: who made the guide, from what, and what it is not.
func defaultNotice(f *framework.Framework) string {
	by := strings.TrimSpace(f.Publisher)
	if by == "" {
		by = "its publisher"
	}
	return fmt.Sprintf("This guide was made with reflect from the framework %q (%s). It does not describe what any particular service offers: ask the service what it provides.", f.Title, by)
}

// Prose is every text of the guide that is read as sentences (not the
// headings), in reading order: for readability checks.
func (g Guide) Prose() []string {
	out := []string{g.Intro}
	for _, s := range g.Sections {
		out = append(out, s.Lines...)
	}
	out = append(out, g.SpeakUp)
	for _, h := range g.Help {
		out = append(out, h.Text)
	}
	return append(out, g.Notice)
}

// Headings are the guide's section titles.
func (g Guide) Headings() []string {
	var out []string
	for _, s := range g.Sections {
		out = append(out, s.Title)
	}
	return out
}

// ExpectText writes the "what you can expect" guide as plain text.
func ExpectText(w io.Writer, f *framework.Framework, width int) error {
	if width <= 0 {
		width = 80
	}
	g := BuildGuide(f)
	ew := &errWriter{w: w}
	ew.printf("%s\n\n", g.Title)
	ew.printf("%s\n\n", textutil.Wrap(g.Intro, width, "", ""))
	for _, s := range g.Sections {
		ew.printf("%s\n", s.Title)
		for _, l := range s.Lines {
			ew.printf("%s\n", textutil.Wrap(l, width, "  • ", "    "))
		}
		ew.printf("\n")
	}
	ew.printf("%s\n\n", textutil.Wrap(g.SpeakUp, width, "", ""))
	ew.printf("If you need help now:\n")
	for _, h := range g.Help {
		ew.printf("%s\n", textutil.Wrap(h.Name+": "+h.Text, width, "  • ", "    "))
	}
	ew.printf("\n%s\n", textutil.Wrap("About this guide: "+g.Notice, width, "", ""))
	return ew.err
}

// ExpectMarkdown writes the guide as Markdown.
func ExpectMarkdown(w io.Writer, f *framework.Framework) error {
	g := BuildGuide(f)
	ew := &errWriter{w: w}
	ew.printf("# %s\n\n", MDEscape(g.Title))
	ew.printf("%s\n\n", MDEscape(g.Intro))
	for _, s := range g.Sections {
		ew.printf("## %s\n\n", MDEscape(s.Title))
		for _, l := range s.Lines {
			ew.printf("- %s\n", MDEscape(l))
		}
		ew.printf("\n")
	}
	ew.printf("%s\n\n", MDEscape(g.SpeakUp))
	ew.printf("## If you need help now\n\n")
	for _, h := range g.Help {
		ew.printf("- **%s**: %s\n", MDEscape(h.Name), MDEscape(h.Text))
	}
	ew.printf("\n*About this guide:* %s\n", MDEscape(g.Notice))
	return ew.err
}

var expectTmpl = lazy.HTML(func() *template.Template {
	return template.Must(template.New("expect").Parse(`<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}}</title>
<style>
body{font:17px/1.6 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:#1d1d1f;max-width:44rem;margin:2rem auto;padding:0 1rem}
h1{font-size:1.8rem;line-height:1.25;color:#12355b}
h2{font-size:1.2rem;margin-top:2rem;color:#12355b;border-bottom:2px solid #dbe7f3;padding-bottom:.2rem}
li{margin:.4rem 0}
.help{background:#eef6ee;border-left:6px solid #2e7d32;padding:.8rem 1rem;margin:1.5rem 0}
.help ul{margin:.4rem 0 0;padding-left:1.2rem}
.about{font-size:.9rem;color:#555;border-top:1px solid #ddd;margin-top:2rem;padding-top:1rem}
@media print{body{margin:0;max-width:none;font-size:11pt}.help{break-inside:avoid}h2{break-after:avoid}}
</style>
</head>
<body>
<h1>{{.Title}}</h1>
<p>{{.Intro}}</p>
<div class="help" role="note"><strong>Need help now?</strong>
<ul>
{{range .Help}}<li><strong>{{.Name}}:</strong> {{.Text}}</li>
{{end}}</ul></div>
{{range .Sections}}<h2>{{.Title}}</h2>
<ul>
{{range .Lines}}<li>{{.}}</li>
{{end}}</ul>
{{end}}<p>{{.SpeakUp}}</p>
<p class="about"><strong>About this guide.</strong> {{.Notice}}</p>
</body>
</html>
`))
})

// ExpectHTML writes the guide as one self-contained, printable HTML page.
func ExpectHTML(w io.Writer, f *framework.Framework) error {
	return expectTmpl.Execute(w, BuildGuide(f))
}

// ExpectReadability writes how easy the guide is to read: its sentences,
// their mean and longest length, and the Flesch–Kincaid grade with the
// reading age it implies (package readability says how they are counted).
func ExpectReadability(w io.Writer, f *framework.Framework) error {
	g := BuildGuide(f)
	st := readability.Measure(g.Prose()...)
	ew := &errWriter{w: w}
	ew.printf("Readability of %q (headings not counted)\n", g.Title)
	ew.printf("  %d sentences, %d words: %.1f words a sentence on average\n", st.Sentences, st.Words, st.MeanSentence())
	ew.printf("  longest sentence: %d words: %q\n", st.LongestWords, st.Longest)
	ew.printf("  Flesch–Kincaid grade %.1f: a reading age of about %.0f\n", st.Grade(), st.ReadingAge())
	ew.printf("  headings: %s\n", strings.Join(g.Headings(), " · "))
	return ew.err
}
