package render

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"strings"

	"github.com/reflect-cpd/reflect/internal/framework"
	"github.com/reflect-cpd/reflect/internal/textutil"
)

// CrosswalkOptions choose what of the crosswalk to publish.
type CrosswalkOptions struct {
	// Frameworks limits the table to links with an end in one of these
	// framework ids; empty for every link.
	Frameworks []string
	// Type limits the table to one link type; empty for all.
	Type  string
	Width int // text wrap width; 0 means 80
}

// crosswalkRow is one link as published.
type crosswalkRow struct {
	framework.CrosswalkLink
	FromFw, ToFw     *framework.Framework
	FromC, ToC       *framework.Competence
	FromArea, ToArea string
}

type crosswalkDoc struct {
	Rows     []crosswalkRow
	Counts   map[string]int
	Groups   int
	Unlinked []*framework.Area // areas of the chosen frameworks with no link of any type
	Fws      []*framework.Framework
}

func buildCrosswalk(set *framework.Set, opt CrosswalkOptions) crosswalkDoc {
	want := map[string]bool{}
	for _, id := range opt.Frameworks {
		want[id] = true
	}
	keep := func(f *framework.Framework) bool { return len(want) == 0 || (f != nil && want[f.ID]) }
	d := crosswalkDoc{Counts: map[string]int{}}
	linked := map[string]bool{} // area codes with at least one link
	for _, l := range set.Crosswalk() {
		r := crosswalkRow{CrosswalkLink: l, FromFw: set.Owner(l.From), ToFw: set.Owner(l.To), FromC: set.Competence(l.From), ToC: set.Competence(l.To)}
		if r.FromC != nil && r.FromC.Area != nil {
			r.FromArea = r.FromC.Area.Code
			linked[r.FromArea] = true
		}
		if r.ToC != nil && r.ToC.Area != nil {
			r.ToArea = r.ToC.Area.Code
			linked[r.ToArea] = true
		}
		if !keep(r.FromFw) && !keep(r.ToFw) || opt.Type != "" && l.Type != opt.Type {
			continue
		}
		d.Rows = append(d.Rows, r)
		d.Counts[l.Type]++
	}
	for _, g := range set.ExactGroups() {
		for _, c := range g {
			if keep(set.Owner(c)) {
				d.Groups++
				break
			}
		}
	}
	for _, f := range set.Frameworks() {
		if !keep(f) {
			continue
		}
		d.Fws = append(d.Fws, f)
		for _, a := range f.Areas() {
			if !linked[a.Code] {
				d.Unlinked = append(d.Unlinked, a)
			}
		}
	}
	return d
}

func (d crosswalkDoc) summary() string {
	var parts []string
	for _, t := range framework.LinkTypes {
		if n := d.Counts[t]; n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n, t))
		}
	}
	total := len(d.Rows)
	s := plural(total, "link", "links")
	if len(parts) > 0 {
		s += " (" + strings.Join(parts, ", ") + ")"
	}
	if d.Groups > 0 {
		s += fmt.Sprintf("; the exact links make %s", plural(d.Groups, "group that shares one answer", "groups, each sharing one answer"))
	}
	return s + "."
}

const crosswalkKey = "exact: the same competence, so one answer serves both (a person assessed against both frameworks answers it once). " +
	"close: much the same ability at another depth, in another setting or for another population. " +
	"related: the same theme. Close and related links are shown beside a competence, in curriculum coverage and in compare; they never share an answer."

func rationale(r crosswalkRow) string {
	if r.Rationale != "" {
		return r.Rationale
	}
	if r.Legacy {
		return "(written as same_as, without a rationale)"
	}
	return "(no rationale given)"
}

// CrosswalkText writes the crosswalk as a reviewed table in plain text.
func CrosswalkText(w io.Writer, set *framework.Set, opt CrosswalkOptions) error {
	width := opt.Width
	if width <= 0 {
		width = 80
	}
	d := buildCrosswalk(set, opt)
	ew := &errWriter{w: w}
	ew.printf("Crosswalk: %s\n", d.summary())
	ew.printf("%s\n\n", textutil.Wrap(crosswalkKey, width, "", ""))
	for _, r := range d.Rows {
		ew.printf("%-7s  %s — %s\n", r.Type, r.From, r.To)
		ew.printf("%s\n", textutil.Wrap(rationale(r), width, "         ", "         "))
	}
	unlinked(ew, d, width)
	return ew.err
}

func unlinked(ew *errWriter, d crosswalkDoc, width int) {
	if len(d.Unlinked) == 0 {
		return
	}
	var codes []string
	for _, a := range d.Unlinked {
		codes = append(codes, a.Code+" "+a.Title)
	}
	ew.printf("\n%s\n", textutil.Wrap(fmt.Sprintf("Areas with no link of any type (%d): %s.", len(codes), strings.Join(codes, "; ")), width, "", ""))
}

// CrosswalkMarkdown writes the crosswalk as a Markdown table, with each
// end's area and statement, for review.
func CrosswalkMarkdown(w io.Writer, set *framework.Set, opt CrosswalkOptions) error {
	d := buildCrosswalk(set, opt)
	ew := &errWriter{w: w}
	ew.printf("# Crosswalk\n\n%s\n\n%s\n\n", MDEscape(d.summary()), MDEscape(crosswalkKey))
	ew.printf("| type | from | to | rationale |\n|---|---|---|---|\n")
	end := func(code string, c *framework.Competence) string {
		if c == nil {
			return "`" + code + "`"
		}
		area := ""
		if c.Area != nil {
			area = " (" + MDCell(c.Area.Title) + ")"
		}
		return "`" + code + "`" + area + " " + MDCell(textutil.Truncate(c.Statement, 140, "…"))
	}
	for _, r := range d.Rows {
		ew.printf("| %s | %s | %s | %s |\n", r.Type, end(r.From, r.FromC), end(r.To, r.ToC), MDCell(rationale(r)))
	}
	if len(d.Unlinked) > 0 {
		ew.printf("\n## Areas with no link of any type (%d)\n\n", len(d.Unlinked))
		for _, a := range d.Unlinked {
			ew.printf("- `%s` %s\n", a.Code, MDEscape(a.Title))
		}
	}
	return ew.err
}

// CrosswalkCSV writes one row per link (UTF-8 with a byte order mark, CRLF,
// formula-like cells neutralised as in the record CSV).
func CrosswalkCSV(w io.Writer, set *framework.Set, opt CrosswalkOptions) error {
	d := buildCrosswalk(set, opt)
	var b bytes.Buffer
	b.WriteString("\ufeff")
	cw := csv.NewWriter(&b)
	cw.UseCRLF = true
	write := func(cells ...string) {
		for i := range cells {
			cells[i] = SafeCell(cells[i])
		}
		_ = cw.Write(cells)
	}
	write("Type", "From", "From framework", "From area", "From statement", "To", "To framework", "To area", "To statement", "Rationale", "Written in")
	id := func(f *framework.Framework) string {
		if f == nil {
			return ""
		}
		return f.ID
	}
	stmt := func(c *framework.Competence) string {
		if c == nil {
			return ""
		}
		return c.Statement
	}
	for _, r := range d.Rows {
		write(r.Type, r.From, id(r.FromFw), r.FromArea, stmt(r.FromC), r.To, id(r.ToFw), r.ToArea, stmt(r.ToC), r.Rationale, where(r))
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	_, err := w.Write(b.Bytes())
	return err
}

func where(r crosswalkRow) string {
	if r.Pos.Line == 0 {
		return r.File
	}
	return fmt.Sprintf("%s:%d", r.File, r.Pos.Line)
}
