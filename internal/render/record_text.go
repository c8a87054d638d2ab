package render

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/reflect-cpd/reflect/internal/record"
	"github.com/reflect-cpd/reflect/internal/textutil"
)

// RecordText writes the record as plain text wrapped to width columns:
// the view a reviewer reads ('reflect review --print', the full-screen
// reader and the line-by-line review). It is drawn from the same document
// as every export and in the same order, and shows everything a review
// signs: each rating (a table), the note beside each competence and under
// each need, the evidence (name, size, SHA-256), the anonymisation check
// and earlier reviews with their verdicts.
func RecordText(w io.Writer, r *record.Record, opt RecordOptions, width int) error {
	if width < 40 {
		width = 40
	}
	d := buildRecordDoc(r, opt)
	var b bytes.Buffer
	line := func(s string) { b.WriteString(s + "\n") }
	para := func(s, first, rest string) { line(textutil.Wrap(s, width, first, rest)) }
	heading := func(s string) { line("\n" + strings.ToUpper(s)) }
	kvs := func(rows []kv) {
		for _, x := range rows {
			if strings.TrimSpace(x.Value) != "" {
				para(x.Label+": "+oneLine(x.Value), "  ", "    ")
			}
		}
	}
	notes := map[string]string{}
	for _, a := range d.Answers {
		notes[a.Code] = a.Note
	}
	multi := func(text, indent string) {
		for _, p := range strings.Split(strings.TrimSpace(text), "\n") {
			if strings.TrimSpace(p) == "" {
				continue
			}
			para(p, indent, indent)
		}
	}

	line(strings.ToUpper(d.Title))
	if d.Subtitle != "" {
		para(d.Subtitle, "", "")
	}
	if w := r.Withheld(); len(w) > 0 {
		para("This is a shared copy: the practitioner withheld "+strings.Join(w, ", ")+". What is shown can be checked against the reviews; what is withheld is not here.", "", "")
	}

	heading("Practitioner")
	if len(d.Practitioner) == 0 {
		line("  " + d.Empty(record.SectionPractitioner, "Not given."))
	}
	kvs(d.Practitioner)

	heading("Frameworks")
	for _, f := range d.Frameworks {
		para(f.Title+", version "+f.Version, "  ", "    ")
		kvs([]kv{{"Assessed", f.Scope}, {"Content digest", f.DigestShort + " (SHA-256, first 12 digits)"}})
		if f.Notice != "" {
			para(f.Notice, "    ", "    ")
		}
		if f.Wording != "" {
			para(f.Wording, "    ", "    ")
		}
		if f.VersionNote != "" {
			para("Note: "+f.VersionNote, "    ", "    ")
		}
	}

	heading("Scores")
	if !d.Scored {
		line("  No scores: nothing has been rated.")
	} else {
		para("Rating scale: "+d.Scale+".", "  ", "  ")
		o := d.Overall
		if o.HasMean {
			para(fmt.Sprintf("Overall: mean %s (%s), %s of the top of the scale; coverage %s (%s).", o.Mean, o.Level, o.Percent, o.Coverage, o.Counts), "  ", "    ")
		} else {
			para("Overall: nothing rated yet ("+o.Counts+").", "  ", "    ")
		}
		for _, s := range d.Domains {
			para(fmt.Sprintf("Domain %s %s: %s", s.Code, s.Title, scoreLine(s)), "  ", "    ")
		}
		for _, s := range d.Areas {
			l := fmt.Sprintf("Area %s %s: %s", s.Code, s.Title, scoreLine(s))
			if s.Target != "" {
				l += "; target " + s.Target
				if s.Gap != "" {
					l += ", " + s.Gap
				}
			}
			para(l, "  ", "    ")
		}
		if len(d.NA) > 0 {
			line("  Not applicable:")
			for _, c := range d.NA {
				para(c.Code+" "+c.Statement+" ("+c.Detail+")", "    ", "      ")
			}
		}
		if len(d.Unanswered) > 0 {
			line("  Not answered:")
			for _, c := range d.Unanswered {
				para(strings.TrimSpace(c.Code+" "+c.Statement), "    ", "      ")
			}
		}
	}

	heading("Development needs, ranked")
	if len(d.Needs) == 0 {
		line("  None: nothing was rated below its target or flagged.")
	}
	for _, n := range d.Needs {
		para(strings.TrimSpace(n.Code+" "+n.Statement)+" ("+needDetail(n)+")", fmt.Sprintf("  %d. ", n.Rank), "     ")
		if note := notes[n.Code]; note != "" {
			multi("Note: "+note, "       ")
		}
	}
	if len(d.Strengths) > 0 {
		line("  Strengths:")
		for _, c := range d.Strengths {
			para(c.Code+" "+c.Statement+" ("+c.Detail+")", "    ", "      ")
		}
	}

	heading("Reflection")
	switch {
	case r.IsWithheld(record.SectionReflection):
		line("  Withheld from this shared copy.")
	case len(d.Sections) == 0:
		line("  No reflection written.")
	}
	if d.ModelTitle != "" {
		para("Model: "+d.ModelTitle, "  ", "    ")
	}
	if len(d.Focus) > 0 {
		var codes []string
		for _, c := range d.Focus {
			codes = append(codes, c.Code)
		}
		para("Needs reflected on: "+strings.Join(codes, ", "), "  ", "    ")
	}
	for _, s := range d.Sections {
		para(s.Title+": "+s.Prompt, "  ", "  ")
		if s.Text == "" {
			line("    (not written)")
			continue
		}
		multi(s.Text, "    ")
	}

	heading("Benefit to the people supported")
	switch {
	case r.IsWithheld(record.SectionBenefit):
		line("  Withheld from this shared copy.")
	case d.Benefit == "":
		line("  (not written)")
	default:
		multi(d.Benefit, "  ")
	}

	heading("Links to standards")
	if len(d.Standards) == 0 {
		line("  None chosen.")
	}
	for _, g := range d.Standards {
		para(g.Title+":", "  ", "  ")
		for _, it := range g.Items {
			para(it, "    - ", "      ")
		}
	}

	heading("Personal development plan")
	if len(d.Plan) == 0 {
		line("  No goals written.")
	}
	for i, g := range d.Plan {
		textGoal(&b, i+1, g, width)
	}

	heading("CPD activity")
	kvs([]kv{{"Title", d.ActivityTitle}, {"Dates", d.Dates}, {"Method", d.Method}, {"Activity type", d.ActivityType}, {"Hours", d.Hours}, {"Participatory hours", d.ParticipatoryHours}})
	if len(d.Evidence) == 0 {
		line("  Evidence: none listed.")
	} else {
		line("  Evidence (files are recorded by name, size and SHA-256, not copied):")
		for i, e := range d.Evidence {
			para(evidenceLine(e), fmt.Sprintf("    %d. ", i+1), "       ")
		}
	}

	heading("Anonymisation")
	para(d.Anonymisation, "  ", "  ")

	if len(d.Reviews) > 0 {
		heading("Earlier reviews")
		for _, rv := range d.Reviews {
			para(fmt.Sprintf("Review %d: %s, %s", rv.Number, rv.Reviewer, rv.Date), "  ", "    ")
			if rv.Comments != "" {
				multi(rv.Comments, "    ")
			}
			for _, nc := range rv.NeedComments {
				para("On "+nc.Label+": "+oneLine(nc.Value), "    ", "      ")
			}
			if len(rv.Ratings) > 0 {
				line("    The reviewer's own ratings, beside the practitioner's (never averaged):")
				for _, c := range rv.Ratings {
					l := fmt.Sprintf("%s: practitioner %s, reviewer %s", c.Code, c.Self, c.Reviewer)
					if c.Difference != "" {
						l += " (" + c.Difference + ")"
					}
					para(l, "      ", "        ")
				}
			}
			para(rv.PlanDecision, "    ", "    ")
			for i, g := range rv.AgreedPlan {
				textGoalAt(&b, "      ", i+1, g, width)
			}
			para(strings.TrimSpace(rv.Integrity+" "+rv.Signature), "    ", "    ")
		}
	}

	heading("Every rating")
	if len(d.Answers) == 0 {
		line("  Nothing answered yet.")
	} else {
		codeW, ratingW := len("Code"), len("Rating")
		for _, a := range d.Answers {
			codeW = max(codeW, utf8.RuneCountInString(a.Code))
			ratingW = max(ratingW, utf8.RuneCountInString(a.RatingText()))
		}
		ratingW = min(ratingW, 32)
		indent := strings.Repeat(" ", 2+codeW+2)
		line("  " + textutil.Pad("Code", codeW) + "  " + textutil.Pad("Rating", ratingW) + "  Competence")
		for _, a := range d.Answers {
			rt := a.RatingText()
			if a.Flagged {
				rt += " (flagged)"
			}
			first := "  " + textutil.Pad(a.Code, codeW) + "  " + textutil.Pad(rt, ratingW) + "  "
			if utf8.RuneCountInString(rt) > ratingW {
				line("  " + textutil.Pad(a.Code, codeW) + "  " + rt)
				first = indent + strings.Repeat(" ", ratingW+2)
			}
			st := a.Statement
			if st == "" {
				st = "(statement not loaded)"
			}
			para(st, first, indent+strings.Repeat(" ", ratingW+2))
			if a.Note != "" {
				multi("Note: "+a.Note, indent)
			}
		}
	}
	if r.IsWithheld(record.SectionNotes) {
		line("  The notes beside the competences are withheld from this shared copy.")
	}

	heading("About this record")
	kvs(d.About)
	_, err := w.Write(b.Bytes())
	return err
}

func scoreLine(s scoreView) string {
	if !s.HasMean {
		return "not rated (" + s.Counts + ")"
	}
	return fmt.Sprintf("mean %s (%s), coverage %s", s.Mean, s.Level, s.Coverage)
}

func textGoal(b *bytes.Buffer, n int, g goalView, width int) {
	textGoalAt(b, "  ", n, g, width)
}

// textGoalAt writes a goal indented by indent (an earlier review's agreed
// plan sits under its review).
func textGoalAt(b *bytes.Buffer, indent string, n int, g goalView, width int) {
	b.WriteString(textutil.Wrap(g.Objective, width, fmt.Sprintf("%s%d. ", indent, n), indent+"   ") + "\n")
	for _, f := range []kv{
		{"Id", g.ID},
		{"Competences", strings.Join(g.Competences, "; ")},
		{"Activities", strings.Join(g.Activities, "; ")},
		{"Resources", strings.Join(g.Resources, "; ")},
		{"Target date", g.TargetDate},
		{"Success measure", g.SuccessMeasure},
		{"Status", g.Status},
	} {
		if f.Value != "" {
			b.WriteString(textutil.Wrap(f.Label+": "+oneLine(f.Value), width, indent+"   ", indent+"     ") + "\n")
		}
	}
}
