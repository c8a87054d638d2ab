// Drawing: the title, the record or the current step, and the key help.

package review

import (
	"fmt"
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/reflect-cpd/reflect/internal/anonymise"
	"github.com/reflect-cpd/reflect/internal/record"
	flow "github.com/reflect-cpd/reflect/internal/review"
	"github.com/reflect-cpd/reflect/internal/textutil"
)

// View implements tea.Model: the frame on the alternate screen.
func (m *Model) View() tea.View {
	v := tea.NewView(m.frame())
	v.AltScreen = true
	return v
}

// frame is the screen as text.
func (m *Model) frame() string {
	if m.done || m.cancelled {
		return ""
	}
	w := max(40, m.width)
	var b strings.Builder
	who := m.rec.Practitioner.Name
	if who == "" {
		who = m.rec.ID
	}
	title, help := m.stepTitle()
	if m.reading {
		title, help = "The record (for reference)", "↑/↓ pgup/pgdn scroll · enter or esc: back to your review"
	}
	b.WriteString(m.bold.Render(textutil.Truncate("Review: "+who+" · "+title, w, "…")) + "\n\n")
	if m.reading || m.step == stepRead {
		b.WriteString(m.view.View() + "\n")
		pct := int(m.view.ScrollPercent() * 100)
		b.WriteString(m.dim.Render(fmt.Sprintf("%d%%", pct)) + "\n")
	} else {
		b.WriteString(m.body(w))
	}
	if m.msg != "" {
		b.WriteString("\n" + m.warn.Render(textutil.Wrap(m.msg, w, "", "")) + "\n")
	}
	if m.confirmQ {
		b.WriteString("\n" + m.warn.Render("Leave now? The review will not be written; what you typed is kept as a draft for next time. (y/n)") + "\n")
	}
	b.WriteString("\n" + m.dim.Render(textutil.Wrap(help, w, "", "")))
	// The record comes from someone else: only the view's own styling may
	// reach the terminal, never an escape sequence inside its text.
	return textutil.ScreenSafe(b.String())
}

func (m *Model) stepTitle() (string, string) {
	textHelp := "tab: next · shift+tab: back · ctrl+r: read the record · ctrl+c: leave"
	switch m.step {
	case stepRead:
		return "read the record", "↑/↓ pgup/pgdn scroll · enter: start your review · q: leave"
	case stepNeed:
		h := flow.Heading(m.needs, m.needIdx)
		return strings.ToLower(h[:1]) + h[1:], textHelp
	case stepOverall:
		return "overall comments", textHelp
	case stepRatings:
		return "your own ratings (optional)", "↑/↓ pgup/pgdn: move · 1–9: your rating · 0: take it back · tab or enter: next · shift+tab: back · ctrl+r: read the record"
	case stepPlan:
		return "the development plan", "↑/↓ or a/m/n: choose · enter: next · shift+tab: back · ctrl+r: read the record"
	case stepAmend:
		return "amend the plan", textHelp
	case stepSignoff:
		return "sign off", "tab or enter: next field · shift+tab: back · ctrl+c: leave"
	case stepConfirm:
		return "confirm", "y: confirm and sign off · e: change what the check flagged · n or shift+tab: go back · ctrl+c: leave"
	}
	return "", ""
}

func (m *Model) body(w int) string {
	var b strings.Builder
	switch m.step {
	case stepNeed:
		n := m.needs[m.needIdx]
		b.WriteString(textutil.Wrap(flow.NeedLine(n), w, "", "") + "\n")
		for _, a := range m.rec.Answers {
			if a.Code == n.Code && a.Note != "" {
				b.WriteString(m.dim.Render(textutil.Wrap("The practitioner's note: "+strings.Join(strings.Fields(a.Note), " "), w, "", "")) + "\n")
			}
		}
		b.WriteString("\n")
		b.WriteString(m.needText[m.needIdx].View() + "\n")
	case stepOverall:
		b.WriteString("Your overall comments on the record and the discussion.\n\n")
		b.WriteString(m.overall.View() + "\n")
	case stepRatings:
		b.WriteString(textutil.Wrap(flow.RatingsIntro, w, "", "") + "\n\n")
		b.WriteString(m.ratingsList(w))
	case stepPlan:
		if len(m.rec.Plan) == 0 {
			b.WriteString("The record has no development plan. Choose \"Amend\" to write the goals you agreed together.\n\n")
		} else {
			var pb strings.Builder
			for i, g := range m.rec.Plan {
				flow.GoalText(&pb, i+1, g, w-1)
			}
			b.WriteString(pb.String() + "\n")
		}
		for i, c := range planChoices {
			mark := "  ( ) "
			if i == m.planChoice {
				mark = "› (•) "
			}
			b.WriteString(mark + c.label + "\n")
		}
	case stepAmend:
		b.WriteString(textutil.Wrap("Edit the plan as agreed: one goal per block, a blank line between goals. Fields: Objective, Competences, Activities, Resources (separated by ;), Target date (YYYY-MM-DD), Success measure, Status (planned, in-progress, achieved, dropped).", w, "", "") + "\n\n")
		b.WriteString(m.amend.View() + "\n")
	case stepSignoff:
		for i, f := range m.fields {
			mark := "  "
			if i == m.field {
				mark = "› "
			}
			b.WriteString(mark + textutil.Pad(signoffLabels[i], 32) + " " + f.View() + "\n")
		}
	case stepConfirm:
		rev := m.review()
		fmt.Fprintf(&b, "Reviewer: %s\n", strings.Join(nonEmpty(rev.Reviewer.Name, rev.Reviewer.Role, rev.Reviewer.Profession, rev.Reviewer.Registration), ", "))
		fmt.Fprintf(&b, "Date: %s\n", rev.Date)
		fmt.Fprintf(&b, "Comments on needs: %d; overall comments: %s\n", len(rev.NeedComments), yesNo(rev.Comments != ""))
		if len(rev.Ratings) > 0 {
			b.WriteString(textutil.Wrap("Your ratings: "+flow.RatingsText(rev.Ratings), w, "", "  ") + "\n")
		}
		fmt.Fprintf(&b, "Plan: %s\n\n", planChoices[m.planChoice].label)
		// The identifier check of the reviewer's words, before they confirm.
		if findings := flow.Findings(m.rec, rev); len(findings) > 0 {
			b.WriteString(m.warn.Render(fmt.Sprintf("reflect's local check found %d thing(s) in your words that could identify someone:", len(findings))) + "\n")
			for _, f := range findings {
				b.WriteString(textutil.Wrap(fmt.Sprintf("- in %s: %q looks like %s", f.Field, f.Excerpt, anonymise.Describe(f.Kind)), w, "  ", "    ") + "\n")
			}
			b.WriteString(textutil.Wrap("Press e to change them. By confirming you also confirm that, read in context, your words identify no patient, service user, family member or colleague.", w, "", "") + "\n\n")
		} else {
			b.WriteString(m.dim.Render(textutil.Wrap("reflect's local check found nothing in your words that looks like it could identify someone. Read them through all the same.", w, "", "")) + "\n\n")
		}
		b.WriteString(m.bold.Render(textutil.Wrap(record.ReviewStatement, w, "", "")) + "\n\n")
		b.WriteString("Do you confirm this statement? (y/n)\n")
	}
	return b.String()
}

// ratingsList draws a window of the competences around the selected one:
// the practitioner's answer and the reviewer's rating side by side.
func (m *Model) ratingsList(w int) string {
	page := m.ratingPage()
	start := max(0, min(m.ratingIdx-page/2, len(m.ratingRows)-page))
	end := min(len(m.ratingRows), start+page)
	mine := map[string]int{}
	for _, rt := range m.ratings {
		mine[rt.Code] = rt.Rating
	}
	var b strings.Builder
	codeW := 0
	for _, r := range m.ratingRows {
		codeW = max(codeW, len(r.Code))
	}
	fmt.Fprintf(&b, "  %s  %-16s %-16s\n", textutil.Pad("competence", codeW), "practitioner", "yours")
	for i := start; i < end; i++ {
		r := m.ratingRows[i]
		yours := "·"
		if v := mine[r.Code]; v > 0 {
			yours = flow.LevelText(m.scale, v)
		}
		mark := "  "
		if i == m.ratingIdx {
			mark = "› "
		}
		line := fmt.Sprintf("%s%s  %-16s %-16s %s", mark, textutil.Pad(r.Code, codeW), textutil.Truncate(r.Self, 16, "…"), textutil.Truncate(yours, 16, "…"), r.Statement)
		line = textutil.Truncate(line, w, "…")
		if i == m.ratingIdx {
			line = m.bold.Render(line)
		}
		b.WriteString(line + "\n")
	}
	fmt.Fprintf(&b, "\n%d of %d · %d rated by you\n", m.ratingIdx+1, len(m.ratingRows), len(m.ratings))
	return b.String()
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "none"
}

func nonEmpty(ss ...string) []string {
	var out []string
	for _, s := range ss {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}
