package render

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/reflect-cpd/reflect/internal/cpd"
	"github.com/reflect-cpd/reflect/internal/framework"
	"github.com/reflect-cpd/reflect/internal/record"
)

func buildRecordDoc(r *record.Record, opt RecordOptions) *recordDoc {
	l := lookup{opt.Set}
	sc := l.scale(r)
	d := &recordDoc{Title: RecordTitle, Subtitle: r.Activity.Title, R: r, PrivacyNote: cpd.PrivacyNote}

	p := r.Practitioner
	for _, x := range []kv{{"Name", p.Name}, {"Profession", p.Profession}, {"Role", p.Role}, {"Setting", p.Setting}, {"Regulator", p.Regulator}, {"Registration number", p.Registration}} {
		if strings.TrimSpace(x.Value) != "" {
			d.Practitioner = append(d.Practitioner, x)
		}
	}

	d.About = []kv{{"Record id", r.ID}, {"Status", statusText(r)}, {"Created", dateOf(r.Created)}, {"Last updated", dateOf(r.Updated)},
		{"Written with", strings.TrimSpace(r.Tool.Name + " " + r.Tool.Version)}}
	if !opt.Now.IsZero() || opt.ToolVersion != "" {
		ex := "reflect " + opt.ToolVersion
		if !opt.Now.IsZero() {
			ex = dateOf(opt.Now) + " with " + ex
		}
		d.About = append(d.About, kv{"Exported", strings.TrimSpace(ex)})
	}
	if w := r.Withheld(); len(w) > 0 {
		d.About = append(d.About, kv{"Shared copy", "withheld by the practitioner: " + strings.Join(w, ", ")})
	}

	for _, ref := range r.Frameworks {
		fv := fwView{ID: ref.ID, Title: ref.Title, Version: ref.Version, Digest: ref.Digest, DigestShort: shortDigest(ref.Digest),
			BasedOn: ref.Provenance.BasedOn, Notice: ref.Provenance.Notice, OfficialURL: ref.Provenance.OfficialURL}
		switch ref.Provenance.Wording {
		case framework.WordingTool:
			fv.Wording = "The competence statements are reflect's own words, not the published framework's."
		case framework.WordingPublisher:
			fv.Wording = "The competence statements are the publisher's own words, imported from a file; nobody has checked that their licence allows this use."
		case framework.WordingOfficial:
			fv.Wording = "The competence statements are the publisher's own words, used with permission."
		}
		switch {
		case ref.Profile != "":
			t := ref.ProfileTitle
			if t == "" {
				t = ref.Profile
			}
			fv.Scope = "Role profile: " + t
		case len(ref.Areas) > 0:
			var names []string
			for _, a := range ref.Areas {
				if ar := l.area(a); ar != nil {
					a += " " + ar.Title
				}
				names = append(names, a)
			}
			fv.Scope = "Areas chosen: " + strings.Join(names, "; ")
		default:
			fv.Scope = "All areas"
		}
		if opt.Set != nil {
			if f := opt.Set.Get(ref.ID); f != nil && f.Digest != ref.Digest {
				fv.VersionNote = fmt.Sprintf("The statements shown come from version %s of this framework, whose content differs from the version %s this record was made with.", f.Version, ref.Version)
			}
		}
		d.Frameworks = append(d.Frameworks, fv)
	}
	if sc != nil {
		var parts []string
		for _, lv := range sc.Levels {
			parts = append(parts, fmt.Sprintf("%d %s", lv.Value, lv.Label))
		}
		d.Scale = strings.Join(parts, ", ") + ", or N/A (not applicable)"
	}

	if s := r.Scores; s != nil {
		d.Scored = true
		d.ScaleMax = s.ScaleMax
		if d.Scale == "" {
			d.Scale = fmt.Sprintf("%d to %d, or N/A", s.ScaleMin, s.ScaleMax)
		}
		d.Overall = scoreOf(sc, "", "", "Overall", s.Overall, 0, 0, false)
		for _, x := range s.Domains {
			d.Domains = append(d.Domains, scoreOf(sc, x.Framework, x.Code, x.Title, x.Score, x.Target, 0, false))
		}
		for _, x := range s.Areas {
			d.Areas = append(d.Areas, scoreOf(sc, x.Framework, x.Code, x.Title, x.Score, float64(x.Target), x.Gap, true))
		}
		for _, x := range s.NA {
			label := x.ReasonLabel
			if label == "" {
				label = x.Reason
			}
			d.NA = append(d.NA, l.codeView(x.Code, label))
		}
		for _, c := range s.Unanswered {
			d.Unanswered = append(d.Unanswered, l.codeView(c, ""))
		}
		for _, n := range s.Needs {
			nv := needView{Rank: n.Rank, Code: n.Code, Statement: n.Statement, Area: n.Area, Gap: n.Gap, Flagged: n.Flagged, Framework: n.Framework,
				RatingValue: n.Rating, TargetVal: n.Target}
			if nv.Statement == "" {
				nv.Statement = l.statement(n.Code)
			}
			nv.Rating = "not rated"
			if n.Rating > 0 {
				nv.Rating = levelText(sc, n.Rating, "")
			}
			if n.Target > 0 {
				nv.Target = levelText(sc, n.Target, "")
			}
			for _, a := range s.Areas {
				if a.Code == n.Area {
					nv.AreaTitle = a.Title
				}
			}
			d.Needs = append(d.Needs, nv)
		}
		for _, c := range s.Strengths {
			cv := codeView{Code: c}
			for _, a := range s.Areas {
				if a.Code == c {
					cv.Statement = a.Title
					cv.Detail = fmt.Sprintf("mean %.2f, target %d", a.Mean, a.Target)
				}
			}
			d.Strengths = append(d.Strengths, cv)
		}
	}

	// Reflection.
	m := cpd.LookupModel(r.Reflection.Model)
	if m != nil {
		d.ModelTitle = m.Title
	} else if r.Reflection.Model != "" {
		d.ModelTitle = r.Reflection.Model
	}
	if cpd.AsksFocus(r.Reflection.Model) {
		// A focus kept from another model is not shown with the
		// reflection after a death, which does not ask for one.
		for _, c := range r.Reflection.Focus {
			d.Focus = append(d.Focus, l.codeView(c, ""))
		}
	}
	for _, s := range r.Reflection.Sections {
		sv := sectionView{Key: s.Key, Title: s.Key, Prompt: s.Prompt, Text: strings.TrimSpace(s.Text)}
		if m != nil {
			for _, p := range m.Prompts {
				if p.Key == s.Key {
					sv.Title = p.Title
					if sv.Prompt == "" {
						sv.Prompt = p.Question
					}
				}
			}
		}
		d.Sections = append(d.Sections, sv)
	}
	for _, st := range r.Standards {
		if st.Scheme == cpd.SchemeNMC {
			d.CodeThemes = append(d.CodeThemes, st.Label)
		}
	}
	d.NMC = cpd.NMCAccount(r)
	d.Benefit = strings.TrimSpace(r.Benefit)
	for _, scheme := range []string{cpd.SchemeNMC, cpd.SchemeGMC, cpd.SchemeHCPC, cpd.SchemeSWE} {
		g := standardGroup{Scheme: scheme, Title: cpd.SchemeTitles[scheme]}
		for _, st := range r.Standards {
			if st.Scheme == scheme {
				g.Items = append(g.Items, st.Label)
			}
		}
		if len(g.Items) > 0 {
			d.Standards = append(d.Standards, g)
		}
	}
	for _, g := range r.Plan {
		d.Plan = append(d.Plan, goalOf(l, g))
	}

	// Activity.
	a := r.Activity
	d.ActivityTitle, d.Method = a.Title, a.Method
	d.ActivityType = cpd.ActivityTypeTitle(r.Practitioner.Regulator, a.Type)
	switch {
	case a.StartDate != "" && a.EndDate != "" && a.EndDate != a.StartDate:
		d.Dates = dayOf(a.StartDate) + " to " + dayOf(a.EndDate)
	case a.StartDate != "":
		d.Dates = dayOf(a.StartDate)
	case a.EndDate != "":
		d.Dates = dayOf(a.EndDate)
	}
	if a.Hours > 0 {
		d.Hours = num(a.Hours)
	}
	if a.ParticipatoryHours > 0 {
		d.ParticipatoryHours = num(a.ParticipatoryHours)
	}
	for _, e := range a.Evidence {
		d.Evidence = append(d.Evidence, evidenceView{Description: e.Description, File: e.File, SHA256: e.SHA256, Size: sizeOf(e.Size)})
	}

	an := r.Anonymisation
	switch {
	case an.Confirmed:
		d.AnonOK = true
		d.Anonymisation = "The practitioner confirmed that this record does not identify any patient, service user, family member or colleague"
		if !an.At.IsZero() {
			d.Anonymisation += " (" + dateOf(an.At) + ")"
		}
		d.Anonymisation += "."
		switch {
		case an.Checked && an.Findings == 0:
			d.Anonymisation += " reflect's local check for identifiers found nothing to look at."
		case an.Checked:
			d.Anonymisation += fmt.Sprintf(" reflect's local check for identifiers flagged %s, which they looked at first.", plural(an.Findings, "possible identifier", "possible identifiers"))
		}
	case an.Checked:
		d.Anonymisation = fmt.Sprintf("Not yet confirmed: reflect's local check flagged %s, and the practitioner has not yet confirmed that the record identifies nobody.", plural(an.Findings, "possible identifier", "possible identifiers"))
	default:
		d.Anonymisation = "Not yet confirmed: the record has not been checked for identifiers, and the practitioner has not confirmed that it identifies nobody."
	}

	// Reviews.
	ver := opt.Verification
	if ver == nil {
		v, _ := record.Verify(r, record.VerifyOptions{})
		ver = &v
	}
	for i, rv := range r.Reviews {
		v := reviewView{Number: i + 1, Date: dayOf(rv.Date), Statement: rv.Statement, Comments: strings.TrimSpace(rv.Comments)}
		who := []string{rv.Reviewer.Name}
		for _, x := range []string{rv.Reviewer.Role, rv.Reviewer.Profession} {
			if x != "" {
				who = append(who, x)
			}
		}
		if rv.Reviewer.Registration != "" {
			who = append(who, "registration "+rv.Reviewer.Registration)
		}
		v.Reviewer = strings.Join(who, ", ")
		for _, nc := range rv.NeedComments {
			v.NeedComments = append(v.NeedComments, kv{nc.Code, nc.Comment})
		}
		for _, rt := range rv.Ratings {
			v.Ratings = append(v.Ratings, calibOf(r, l, sc, rt))
		}
		switch rv.PlanDecision() {
		case record.PlanAgree:
			v.PlanDecision = "The reviewer agreed the development plan."
		case record.PlanAmend:
			v.PlanDecision = "The reviewer agreed the development plan with changes:"
			for _, g := range rv.AgreedPlan {
				v.AgreedPlan = append(v.AgreedPlan, goalOf(l, g))
			}
		default:
			v.PlanDecision = "The reviewer did not agree the development plan."
		}
		if i < len(ver.Checks) {
			c := ver.Checks[i]
			v.Intact = c.Intact && c.Chain == ""
			switch {
			case !c.Intact:
				v.Integrity = "Warning: changed since review: " + c.Reason + "."
			case c.Chain != "":
				v.Integrity = "Warning: changed since review: " + c.Chain + "."
			case len(c.Withheld) > 0:
				v.Integrity = "The practitioner's content is unchanged since this review, for everything shown (digest " + shortDigest(strings.TrimPrefix(rv.Digest, "sha256:")) + "; withheld from this copy: " + strings.Join(c.Withheld, ", ") + ")."
			default:
				v.Integrity = "The practitioner's content is unchanged since this review (digest " + shortDigest(strings.TrimPrefix(rv.Digest, "sha256:")) + ")."
			}
			v.Signature = c.Sentence()
		}
		d.Reviews = append(d.Reviews, v)
	}

	// Every answer, in the record's order, with the latest reviewer's own
	// rating beside it.
	latest, _ := r.LatestRatings()
	reviewerOf := map[string]int{}
	for _, rt := range latest {
		reviewerOf[rt.Code] = rt.Rating
	}
	assessed := map[string]bool{}
	for _, ref := range r.Frameworks {
		assessed[ref.ID] = true
	}
	for _, ans := range r.Answers {
		av := answerView{Code: ans.Code, Note: strings.TrimSpace(ans.Note), Flagged: ans.Flag, NA: ans.NA}
		if v := reviewerOf[ans.Code]; v > 0 {
			av.Reviewer = ratingOf(sc, v)
		}
		if c := l.competence(ans.Code); c != nil {
			av.Statement = c.Statement
			av.Area = c.Area.Code
			if c.Area.Domain != nil {
				av.Domain = c.Area.Domain.Code
			}
			if f := opt.Set.Owner(ans.Code); f != nil {
				av.Framework = f.ID
			}
			av.Also = opt.Set.SameAs(ans.Code)
			// A competence shared by several frameworks is worded by each
			// of them: every wording is shown, labelled.
			for _, code := range av.Also {
				oc := l.competence(code)
				of := opt.Set.Owner(code)
				if oc == nil || of == nil || !assessed[of.ID] {
					continue
				}
				av.Others = append(av.Others, kv{Label: fwName(of.ShortTitle, of.Title) + " " + code, Value: oc.Statement})
			}
			if len(av.Others) > 0 {
				if f := opt.Set.Owner(ans.Code); f != nil {
					av.Label = fwName(f.ShortTitle, f.Title) + " " + ans.Code
				}
			}
		}
		switch {
		case ans.Rating > 0:
			av.Rating = strconv.Itoa(ans.Rating)
			if sc != nil {
				if lv := sc.Level(ans.Rating); lv != nil {
					av.RatingLabel = lv.Label
				}
			}
		case ans.NA:
			av.NAReason = ans.NAReason
			if sc != nil {
				if nr := sc.NAReason(ans.NAReason); nr != nil {
					av.NAReason = nr.Label
				}
			}
			if r.Scores != nil {
				for _, x := range r.Scores.NA {
					if x.Code == ans.Code && x.ReasonLabel != "" {
						av.NAReason = x.ReasonLabel
					}
				}
			}
		default:
			av.Unanswered = true
		}
		d.Answers = append(d.Answers, av)
	}
	d.Summary = buildSummary(d, summaryWords)
	d.SummaryOnly = opt.SummaryOnly
	return d
}

// ratingOf is "2 Developing" (the label when the scale is known).
func ratingOf(sc *framework.Scale, v int) string {
	if sc != nil {
		if lv := sc.Level(v); lv != nil {
			return strconv.Itoa(v) + " " + lv.Label
		}
	}
	return strconv.Itoa(v)
}

// calibOf puts a reviewer's rating beside the practitioner's.
func calibOf(r *record.Record, l lookup, sc *framework.Scale, rt record.Rating) calibView {
	cv := calibView{Code: rt.Code, Reviewer: ratingOf(sc, rt.Rating), Self: "not answered"}
	if c := l.competence(rt.Code); c != nil {
		cv.Statement = c.Statement
	}
	for _, a := range r.Answers {
		if a.Code != rt.Code {
			continue
		}
		switch {
		case a.Rating > 0:
			cv.Self = ratingOf(sc, a.Rating)
			cv.Difference = record.DifferenceWords(a.Rating - rt.Rating)
		case a.NA:
			cv.Self = "N/A"
		}
		break
	}
	return cv
}

func fwName(short, title string) string {
	if short != "" {
		return short
	}
	return title
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}

func shortDigest(hex string) string {
	if len(hex) > 12 {
		return hex[:12]
	}
	return hex
}

// Wordings lists the answer's statement in every framework assessed that
// holds the competence, labelled by framework and code when there are
// several; one unlabelled statement otherwise.
func (a answerView) Wordings() []kv {
	if len(a.Others) == 0 {
		return []kv{{Value: a.Statement}}
	}
	return append([]kv{{Label: a.Label, Value: a.Statement}}, a.Others...)
}

// CompetenceText is the statement, or every framework's wording on one
// line: "Adults ADU.1.2.3: …; CYP CYP.1.2.4: …".
func (a answerView) CompetenceText() string {
	var parts []string
	for _, w := range a.Wordings() {
		if w.Label != "" {
			parts = append(parts, w.Label+": "+w.Value)
		} else {
			parts = append(parts, w.Value)
		}
	}
	return strings.Join(parts, "; ")
}

// ratingText is how one answer reads: "3 Competent", "N/A (Not part of my
// role)", "not answered".
func (a answerView) RatingText() string {
	switch {
	case a.Rating != "":
		return strings.TrimSpace(a.Rating + " " + a.RatingLabel)
	case a.NA:
		return "N/A (" + a.NAReason + ")"
	}
	return "not answered"
}

// WithReviewer is the answer with the latest reviewer's rating beside it:
// "1 Not yet; reviewer: 2 Developing".
func (a answerView) WithReviewer() string {
	if a.Reviewer == "" {
		return a.RatingText()
	}
	return a.RatingText() + "; reviewer: " + a.Reviewer
}
