package render

import (
	"html/template"
	"io"
	"strings"

	"github.com/reflect-cpd/reflect/internal/framework"
	"github.com/reflect-cpd/reflect/internal/lazy"
	"github.com/reflect-cpd/reflect/internal/textutil"
)

// The guide for people who receive support and their families. It is
// built from each area's "expect" line, grouped by domain, and written to
// be read without any knowledge of the frameworks.

const expectIntro = `This guide is for anyone who has self-harmed or had thoughts of suicide, and for the people who care about them. It describes what you can expect from the staff and services you meet. Good support brings together four things: the right attitudes (being kind, hopeful and not judging you), knowledge, skills, and the judgement to know when to involve others.`

const expectHelp = `If you need to talk to someone now: call Samaritans free on 116 123, day or night, or text SHOUT to 85258. You can call NHS 111 and choose the mental health option (in England), or contact your GP. If your life is in danger, call 999 or go to A&E.`

const expectFeedback = `If your care does not feel like this, you can say so. You can ask to speak to someone else, ask for a family member or friend to be with you, or contact the service's patient advice and liaison service (PALS) or complaints team.`

// ExpectText writes the "what you can expect" guide as plain text.
func ExpectText(w io.Writer, f *framework.Framework, width int) error {
	if width <= 0 {
		width = 80
	}
	ew := &errWriter{w: w}
	ew.printf("What you can expect: %s\n\n", f.ShortTitle)
	ew.printf("%s\n\n", textutil.Wrap(expectIntro, width, "", ""))
	for _, d := range f.Domains {
		ew.printf("%s\n", d.Title)
		for _, a := range d.Areas {
			ew.printf("%s\n", textutil.Wrap(a.Expect, width, "  • ", "    "))
		}
		ew.printf("\n")
	}
	ew.printf("%s\n\n", textutil.Wrap(expectFeedback, width, "", ""))
	ew.printf("%s\n\n", textutil.Wrap(expectHelp, width, "", ""))
	ew.printf("%s\n", textutil.Wrap("About this guide: "+f.Provenance.Notice, width, "", ""))
	return ew.err
}

// ExpectMarkdown writes the guide as Markdown.
func ExpectMarkdown(w io.Writer, f *framework.Framework) error {
	ew := &errWriter{w: w}
	ew.printf("# What you can expect: %s\n\n", MDEscape(f.ShortTitle))
	ew.printf("%s\n\n", MDEscape(expectIntro))
	for _, d := range f.Domains {
		ew.printf("## %s\n\n", MDEscape(d.Title))
		for _, a := range d.Areas {
			ew.printf("- %s\n", MDEscape(a.Expect))
		}
		ew.printf("\n")
	}
	ew.printf("%s\n\n", MDEscape(expectFeedback))
	ew.printf("> %s\n\n", MDEscape(expectHelp))
	ew.printf("*About this guide:* %s\n", MDEscape(f.Provenance.Notice))
	return ew.err
}

var expectTmpl = lazy.HTML(func() *template.Template {
	return template.Must(template.New("expect").Parse(`<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>What you can expect: {{.F.ShortTitle}}</title>
<style>
body{font:17px/1.6 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:#1d1d1f;max-width:44rem;margin:2rem auto;padding:0 1rem}
h1{font-size:1.8rem;line-height:1.25;color:#12355b}
h2{font-size:1.2rem;margin-top:2rem;color:#12355b;border-bottom:2px solid #dbe7f3;padding-bottom:.2rem}
li{margin:.4rem 0}
.help{background:#eef6ee;border-left:6px solid #2e7d32;padding:.8rem 1rem;margin:1.5rem 0}
.about{font-size:.9rem;color:#555;border-top:1px solid #ddd;margin-top:2rem;padding-top:1rem}
@media print{body{margin:0;max-width:none;font-size:11pt}.help{break-inside:avoid}h2{break-after:avoid}}
</style>
</head>
<body>
<h1>What you can expect: {{.F.ShortTitle}}</h1>
<p>{{.Intro}}</p>
<div class="help" role="note"><strong>Need to talk now?</strong> {{.Help}}</div>
{{range .F.Domains}}<h2>{{.Title}}</h2>
<ul>
{{range .Areas}}<li>{{.Expect}}</li>
{{end}}</ul>
{{end}}<p>{{.Feedback}}</p>
<p class="about"><strong>About this guide.</strong> {{.F.Provenance.Notice}}</p>
</body>
</html>
`))
})

// ExpectHTML writes the guide as one self-contained, printable HTML page.
func ExpectHTML(w io.Writer, f *framework.Framework) error {
	return expectTmpl.Execute(w, struct {
		F                     *framework.Framework
		Intro, Help, Feedback string
	}{f, expectIntro, strings.TrimSpace(expectHelp), expectFeedback})
}
