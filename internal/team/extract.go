package team

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"time"
	"unicode/utf8"

	"github.com/reflect-cpd/reflect/internal/assessment"
	"github.com/reflect-cpd/reflect/internal/cpd"
	"github.com/reflect-cpd/reflect/internal/framework"
	"github.com/reflect-cpd/reflect/internal/record"
)

// extracted is what extract finds in a record: what the figures are
// worked out from (the frameworks and scopes, the answers without their
// notes, the confirmation that decides completion) and the stored figures,
// only to count files whose stored figures are wrong.
type extracted struct {
	format        string
	schemaVersion int
	id, status    string
	updated       string
	frameworks    []extractedRef
	answers       []assessment.Answer
	confirmed     bool
	// The reflection's model and the keys of its sections that hold text,
	// and whether a shared copy withholds the reflection: what completion
	// reads besides the answers.
	model     string
	written   []string
	withheldR bool
	hasScores bool
	areas     []extractedArea
	needs     []needC
	// For breakdowns, trends and calibration: the dates, the
	// practitioner's work (read through workforce's classes, never kept as
	// typed) and the latest review's own ratings.
	created, startDate, endDate   string
	profession, role, setting     string
	reviewRatings, currentRatings []record.Rating
}

// extractedRef is one entry of a record's "frameworks".
type extractedRef struct {
	id, version, digest, profile string
	areas                        []string
}

// extractedArea is a stored area figure: only what storedDiffer compares
// (titles, labels and statements are the framework's, recomputed with the
// figures, so they are skipped unread).
type extractedArea struct {
	fw, code             string
	rated, level, target int
	mean, gap            float64
}

// extract checks data as JSON and pulls out the fields a team report
// uses. Field errors name the field; grammar errors give the byte offset.
func extract(data []byte, in *interner) (*extracted, error) {
	out := &extracted{}
	if err := extractInto(out, data, in); err != nil {
		return nil, err
	}
	return out, nil
}

// extractInto is extract reusing out's slices.
func extractInto(out *extracted, data []byte, in *interner) error {
	*out = extracted{frameworks: out.frameworks[:0], answers: out.answers[:0], areas: out.areas[:0], needs: out.needs[:0], written: out.written[:0],
		reviewRatings: out.reviewRatings[:0], currentRatings: out.currentRatings[:0]}
	if !utf8.Valid(data) {
		return errors.New("not valid UTF-8")
	}
	s := &scanner{b: data, in: in}
	s.ws()
	if s.i >= len(s.b) || s.b[s.i] != '{' {
		if s.i < len(s.b) {
			if err := s.skip(); err != nil {
				return err
			}
		}
		return errNotRecord
	}
	err := s.object("", func(key []byte) error {
		var err error
		switch string(key) {
		case "format":
			out.format, err = s.strValue("format")
		case "schema_version":
			out.schemaVersion, err = s.intValue("schema_version")
		case "id":
			out.id, err = s.uniqueStrValue("id")
		case "status":
			out.status, err = s.strValue("status")
		case "updated":
			out.updated, err = s.uniqueStrValue("updated")
		case "created":
			out.created, err = s.uniqueStrValue("created")
		case "practitioner":
			err = s.object("practitioner", func(k []byte) error {
				var err error
				switch string(k) {
				case "profession":
					out.profession, err = s.strValue("practitioner.profession")
				case "role":
					out.role, err = s.strValue("practitioner.role")
				case "setting":
					out.setting, err = s.strValue("practitioner.setting")
				default:
					err = s.skip()
				}
				return err
			})
		case "activity":
			err = s.object("activity", func(k []byte) error {
				var err error
				switch string(k) {
				case "start_date":
					out.startDate, err = s.strValue("activity.start_date")
				case "end_date":
					out.endDate, err = s.strValue("activity.end_date")
				default:
					err = s.skip()
				}
				return err
			})
		case "reviews":
			// The latest review that gives the reviewer's own ratings.
			err = s.array("reviews", func(int) error {
				out.currentRatings = out.currentRatings[:0]
				err := s.object("reviews[]", func(k []byte) error {
					if string(k) != "ratings" {
						return s.skip()
					}
					return s.array("reviews[].ratings", func(int) error {
						var rt record.Rating
						err := s.object("reviews[].ratings[]", func(k []byte) error {
							var err error
							switch string(k) {
							case "code":
								rt.Code, err = s.strValue("reviews[].ratings[].code")
							case "rating":
								rt.Rating, err = s.intValue("reviews[].ratings[].rating")
							default:
								err = s.skip()
							}
							return err
						})
						out.currentRatings = append(out.currentRatings, rt)
						return err
					})
				})
				if len(out.currentRatings) > 0 {
					out.reviewRatings = append(out.reviewRatings[:0], out.currentRatings...)
				}
				return err
			})
		case "frameworks":
			out.frameworks = out.frameworks[:0]
			err = s.array("frameworks", func(i int) error {
				var ref extractedRef
				err := s.object("frameworks[]", func(k []byte) error {
					var err error
					switch string(k) {
					case "id":
						ref.id, err = s.strValue("frameworks[].id")
					case "version":
						ref.version, err = s.strValue("frameworks[].version")
					case "digest":
						ref.digest, err = s.strValue("frameworks[].digest")
					case "profile":
						ref.profile, err = s.strValue("frameworks[].profile")
					case "areas":
						err = s.array("frameworks[].areas", func(int) error {
							a, err := s.strValue("frameworks[].areas[]")
							ref.areas = append(ref.areas, a)
							return err
						})
					default:
						err = s.skip()
					}
					return err
				})
				out.frameworks = append(out.frameworks, ref)
				return err
			})
		case "answers":
			out.answers = out.answers[:0]
			err = s.array("answers", func(i int) error {
				var a assessment.Answer
				err := s.object("answers[]", func(k []byte) error {
					var err error
					switch string(k) {
					case "code":
						a.Code, err = s.codeValue(i, "answers[].code")
					case "rating":
						a.Rating, err = s.intValue("answers[].rating")
					case "na":
						a.NA, err = s.boolValue("answers[].na")
					case "na_reason":
						a.NAReason, err = s.strValue("answers[].na_reason")
					case "flag":
						a.Flag, err = s.boolValue("answers[].flag")
					default:
						err = s.skip() // the note: not needed, never copied
					}
					return err
				})
				out.answers = append(out.answers, a)
				return err
			})
		case "reflection":
			err = s.object("reflection", func(k []byte) error {
				switch string(k) {
				case "model":
					var err error
					out.model, err = s.strValue("reflection.model")
					return err
				case "sections":
					return s.array("reflection.sections", func(int) error {
						key, text := "", false
						err := s.object("reflection.sections[]", func(k []byte) error {
							switch string(k) {
							case "key":
								var err error
								key, err = s.strValue("reflection.sections[].key")
								return err
							case "text":
								// Only whether it holds text: the text is never copied.
								if !s.at('"') {
									return s.untyped("reflection.sections[].text", "text")
								}
								text = !bytes.HasPrefix(s.b[s.i:], []byte(`""`))
							}
							return s.skip()
						})
						if text {
							out.written = append(out.written, key)
						}
						return err
					})
				}
				return s.skip()
			})
		case "disclosure":
			err = s.object("disclosure", func(k []byte) error {
				if string(k) != "withheld" {
					return s.skip()
				}
				return s.array("disclosure.withheld", func(int) error {
					w, err := s.strValue("disclosure.withheld[]")
					if w == record.SectionReflection {
						out.withheldR = true
					}
					return err
				})
			})
		case "anonymisation":
			err = s.object("anonymisation", func(k []byte) error {
				if string(k) == "confirmed" {
					var err error
					out.confirmed, err = s.boolValue("anonymisation.confirmed")
					return err
				}
				return s.skip()
			})
		case "scores":
			out.hasScores = !bytes.HasPrefix(s.b[s.i:], []byte("null"))
			out.areas, out.needs = out.areas[:0], out.needs[:0]
			err = s.object("scores", func(k []byte) error {
				switch string(k) {
				case "areas":
					out.areas = out.areas[:0]
					return s.array("scores.areas", func(int) error {
						var a extractedArea
						err := s.object("scores.areas[]", func(k []byte) error {
							var err error
							switch string(k) {
							case "framework":
								a.fw, err = s.strValue("scores.areas[].framework")
							case "code":
								a.code, err = s.strValue("scores.areas[].code")
							case "rated":
								a.rated, err = s.intValue("scores.areas[].rated")
							case "level":
								a.level, err = s.intValue("scores.areas[].level")
							case "target":
								a.target, err = s.intValue("scores.areas[].target")
							case "mean":
								a.mean, err = s.floatValue("scores.areas[].mean")
							case "gap":
								a.gap, err = s.floatValue("scores.areas[].gap")
							default:
								err = s.skip()
							}
							return err
						})
						out.areas = append(out.areas, a)
						return err
					})
				case "needs":
					out.needs = out.needs[:0]
					return s.array("scores.needs", func(int) error {
						var n needC
						err := s.object("scores.needs[]", func(k []byte) error {
							var err error
							switch string(k) {
							case "code":
								n.code, err = s.strValue("scores.needs[].code")
							case "area":
								n.area, err = s.strValue("scores.needs[].area")
							default:
								err = s.skip()
							}
							return err
						})
						out.needs = append(out.needs, n)
						return err
					})
				}
				return s.skip()
			})
		default:
			err = s.skip()
		}
		return err
	})
	if err != nil {
		return err
	}
	s.ws()
	if s.i != len(s.b) {
		return errors.New("there is more after the end of the record")
	}
	return nil
}

// scorers caches a record.Scorer for each list of frameworks and scopes
// (records of one kind share one), so each record costs only its own
// scoring. Each decoder has its own; it is bounded.
type scorers struct {
	set  *framework.Set
	dims []string // the breakdowns asked for: each record's group in each
	rows bool     // make the record's rows for the row export
	m    map[string]scorerEntry
	key  []byte
}

type scorerEntry struct {
	sc  *record.Scorer
	err error
}

const maxScorers = 256

func newScorers(set *framework.Set) *scorers {
	return &scorers{set: set, m: map[string]scorerEntry{}}
}

func (c *scorers) get(refs []extractedRef) (*record.Scorer, error) {
	k := c.key[:0]
	for _, r := range refs {
		k = append(append(append(append(append(append(append(k, r.id...), 0), r.version...), 0), r.digest...), 0), r.profile...)
		for _, a := range r.areas {
			k = append(append(k, 0), a...)
		}
		k = append(k, 1)
	}
	c.key = k
	if e, ok := c.m[string(k)]; ok { // no allocation for the lookup
		return e.sc, e.err
	}
	full := make([]record.FrameworkRef, len(refs))
	for i, r := range refs {
		full[i] = record.FrameworkRef{ID: r.id, Version: r.version, Digest: r.digest, Profile: r.profile, Areas: r.areas}
	}
	sc, err := record.NewScorer(c.set, full)
	if len(c.m) >= maxScorers {
		clear(c.m)
	}
	c.m[string(k)] = scorerEntry{sc, err}
	return sc, err
}

// contributionOf checks an extracted record and turns it into what it adds
// to the aggregates, working its figures out from its answers.
func contributionOf(r *extracted, set *framework.Set) (contribution, error) {
	var c contribution
	err := contributionInto(&c, r, newScorers(set), false)
	return c, err
}

// contributionInto is contributionOf reusing c's slices. The figures are
// worked out again from the answers (record.Scorer: the same scoring and
// checks as every other command); the stored ones are only compared, to
// count files whose stored figures are wrong. A record that is not
// complete (cpd's one rule, read from its answers, reflection and
// confirmation) is left out, unless all is set.
func contributionInto(c *contribution, r *extracted, cache *scorers, all bool) error {
	switch {
	case r.format != record.Format:
		return errNotRecord
	case r.schemaVersion > record.SchemaVersion:
		return fmt.Errorf("a record from a newer reflect (schema %d; this reflect reads up to %d): update reflect", r.schemaVersion, record.SchemaVersion)
	case r.schemaVersion < 1:
		return fmt.Errorf("schema_version %d is not valid", r.schemaVersion)
	case r.id == "":
		return errors.New("the record has no id")
	case r.status != record.StatusComplete && r.status != record.StatusInProgress:
		return &record.CheckError{Problems: []record.FieldProblem{{Path: []any{"status"},
			Msg: fmt.Sprintf("the status %q is not one reflect knows", r.status), Hint: "use in-progress or complete"}}}
	}
	labels := c.labels
	clear(labels)
	*c = contribution{id: r.id, status: r.status, areas: c.areas[:0], needs: c.needs[:0], fws: c.fws[:0], labels: labels, groups: c.groups[:0], rows: c.rows[:0]}
	if r.updated != "" {
		t, err := time.Parse(time.RFC3339Nano, r.updated)
		if err != nil {
			return fmt.Errorf("updated %q is not a time", r.updated)
		}
		c.updated = t.UnixNano()
	}
	if r.status != record.StatusComplete && !all {
		// Left out, but still read against its scale: a rating off the
		// scale is an error, never quietly counted as "in progress".
		// (With its framework not loaded it cannot be checked, and is
		// left out all the same.)
		if sc, err := cache.get(r.frameworks); err == nil {
			if _, _, probs := sc.Score(r.answers); len(probs) > 0 {
				return &record.CheckError{Problems: probs}
			}
		}
		c.inProgress = true
		return nil
	}
	sc, err := cache.get(r.frameworks)
	if err != nil {
		return err
	}
	scores, _, probs := sc.Score(r.answers)
	if len(probs) > 0 {
		return &record.CheckError{Problems: probs}
	}
	// The one rule for "complete", from what it reads.
	rec := record.Record{SchemaVersion: r.schemaVersion, Status: r.status, Anonymisation: record.Anonymisation{Confirmed: r.confirmed},
		Reflection: record.Reflection{Model: r.model}}
	for _, k := range r.written {
		rec.Reflection.Sections = append(rec.Reflection.Sections, record.ReflectionSection{Key: k, Text: "written"})
	}
	if r.withheldR {
		rec.Disclosure = &record.Disclosure{Withheld: []string{record.SectionReflection}}
	}
	complete := cpd.ProgressWith(&rec, &scores).Complete()
	// A record stored as complete that is not: its status is a wrong
	// figure (a record of schema 1 was complete once confirmed).
	storedWrong := r.status == record.StatusComplete && !complete && (r.schemaVersion >= 2 || !r.confirmed)
	if !complete {
		c.wrongFigures = storedWrong
		if !all {
			c.inProgress = true
			return nil
		}
		c.incomplete = true
	}
	c.wrongFigures = c.wrongFigures || (r.hasScores && storedDiffer(r, &scores))
	for _, ref := range r.frameworks {
		c.fws = append(c.fws, ref.id)
	}
	for _, a := range scores.Areas {
		if a.Rated <= 0 {
			continue
		}
		c.areas = append(c.areas, areaC{fw: a.Framework, domain: a.Domain, code: a.Code, title: a.Title,
			level: a.Level, mean100: int64(a.Mean*100 + 0.5), below: a.BelowTarget()})
		if a.Level > 0 && a.LevelLabel != "" {
			if c.labels == nil {
				c.labels = map[levelKey]string{}
			}
			c.labels[levelKey{a.Framework, a.Level}] = a.LevelLabel
		}
	}
	for _, n := range scores.Needs {
		c.needs = append(c.needs, needC{fw: n.Framework, area: n.Area, code: n.Code, statement: n.Statement})
	}
	if len(r.reviewRatings) > 0 {
		gaps := record.Calibration(r.answers, r.reviewRatings, cache.set)
		for i := range c.areas {
			for _, g := range gaps {
				if g.Area == c.areas[i].code && g.Framework == c.areas[i].fw {
					c.areas[i].gapN, c.areas[i].gapSum = g.Compared, g.Sum
				}
			}
		}
	}
	for _, d := range cache.dims {
		c.groups = append(c.groups, groupOf(d, r))
	}
	if cache.rows {
		rowsOf(c, r, &scores, cache)
	}
	return nil
}

// storedDiffer reports whether the stored area figures or needs differ
// from those worked out.
func storedDiffer(r *extracted, sc *assessment.Scores) bool {
	if len(r.areas) != len(sc.Areas) || len(r.needs) != len(sc.Needs) {
		return true
	}
	for i, a := range sc.Areas {
		s := r.areas[i]
		if s.code != a.Code || s.fw != a.Framework || s.rated != a.Rated || s.level != a.Level || s.target != a.Target ||
			math.Abs(s.mean-a.Mean) > 1e-9 || math.Abs(s.gap-a.Gap) > 1e-9 {
			return true
		}
	}
	for i, n := range sc.Needs {
		if r.needs[i].code != n.Code || r.needs[i].area != n.Area {
			return true
		}
	}
	return false
}
