// Package report holds what the supervisor's reports (compare, team)
// share: a self-contained HTML page shell with a strict Content Security
// Policy, and spreadsheet-safe CSV cells.
package report

import (
	"html/template"
	"strings"
)

// CSP allows nothing but the page's own inline styles: no scripts, no
// fetches, no images from anywhere. Reports are opened from e-mail and
// shared drives, so they must not load or run anything.
const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"

// CSS is the reports' shared, print-friendly style.
const CSS = `body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b;line-height:1.45}
h1{font-size:1.6rem;margin-bottom:.2rem}h2{font-size:1.25rem;margin-top:2rem;border-bottom:2px solid #005eb8;padding-bottom:.2rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem;font-size:.95rem}th,td{border:1px solid #c8c8c8;padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:#eef3fa}td.n{text-align:right;font-variant-numeric:tabular-nums}.sup{color:#666;font-style:italic}
.up{color:#006b2d}.down{color:#a4262c}.note{background:#fff8e1;border-left:4px solid #f2a900;padding:.5rem .8rem;margin:.8rem 0}
.muted{color:#555;font-size:.9rem}.nw{white-space:nowrap}footer{margin-top:2.5rem;font-size:.85rem;color:#444;border-top:1px solid #ccc;padding-top:.6rem}
@media print{body{margin:0;max-width:none}h2{break-after:avoid}tr{break-inside:avoid}}`

// Head returns the start of an HTML page up to and including <body>.
func Head(title string) template.HTML {
	var b strings.Builder
	b.WriteString("<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n")
	b.WriteString("<meta http-equiv=\"Content-Security-Policy\" content=\"" + CSP + "\">\n")
	b.WriteString("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
	b.WriteString("<meta name=\"referrer\" content=\"no-referrer\">\n")
	b.WriteString("<title>" + template.HTMLEscapeString(title) + "</title>\n<style>" + CSS + "</style>\n</head>\n<body>\n")
	return template.HTML(b.String())
}

// SupportLine is the support signposting every report ends with.
const SupportLine = "If this work is weighing on you: Samaritans 116 123 (free, day and night), text SHOUT to 85258, or talk to your supervisor or occupational health."

// CSVCell makes a value safe to open in a spreadsheet: a cell whose first
// character, after any spaces, is =, +, -, @, a tab, a carriage return or
// a line feed, or a full-width = + - @ that some spreadsheets fold to
// ASCII, is prefixed with a single quote so that it is shown as text and
// never run as a formula (OWASP CSV injection guidance; the same rule as
// the record export's). The counts and shares reflect writes are never
// negative, so they need no prefix.
func CSVCell(s string) string {
	t := strings.TrimLeft(s, " ")
	if t == "" {
		return s
	}
	if strings.ContainsRune("=+-@\t\r\n", rune(t[0])) {
		return "'" + s
	}
	for _, p := range []string{"＝", "＋", "－", "＠"} {
		if strings.HasPrefix(t, p) {
			return "'" + s
		}
	}
	return s
}

var mdReplacer = strings.NewReplacer(`\`, `\\`, "`", "\\`", "*", `\*`, "_", `\_`, "[", `\[`, "]", `\]`, "<", "&lt;", ">", "&gt;", "#", `\#`, "|", `\|`)

// MDEscape escapes characters Markdown treats as markup, so text shows as
// written (the same rules as internal/render).
func MDEscape(s string) string { return mdReplacer.Replace(s) }

// MDCell escapes text for a Markdown table cell, on one line.
func MDCell(s string) string { return MDEscape(strings.Join(strings.Fields(s), " ")) }
