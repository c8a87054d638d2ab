package team

import (
	"bytes"
	"errors"
	"fmt"
	"time"
	"unicode/utf8"

	"github.com/reflect-cpd/reflect/internal/record"
)

// extracted is what extract finds in a record.
type extracted struct {
	format        string
	schemaVersion int
	id, status    string
	updated       string
	frameworks    []string
	hasScores     bool
	areas         []extractedArea
	needs         []needC
}

type extractedArea struct {
	fw, domain, code, title string
	rated, level, target    int
	mean, gap               float64
	label                   string
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
	*out = extracted{frameworks: out.frameworks[:0], areas: out.areas[:0], needs: out.needs[:0]}
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
			out.id, err = s.strValue("id")
		case "status":
			out.status, err = s.strValue("status")
		case "updated":
			out.updated, err = s.strValue("updated")
		case "frameworks":
			out.frameworks = out.frameworks[:0]
			err = s.array("frameworks", func(i int) error {
				id := ""
				err := s.object("frameworks[]", func(k []byte) error {
					if string(k) == "id" {
						var err error
						id, err = s.strValue("frameworks[].id")
						return err
					}
					return s.skip()
				})
				out.frameworks = append(out.frameworks, id)
				return err
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
							case "domain":
								a.domain, err = s.strValue("scores.areas[].domain")
							case "code":
								a.code, err = s.strValue("scores.areas[].code")
							case "title":
								a.title, err = s.strValue("scores.areas[].title")
							case "rated":
								a.rated, err = s.intValue("scores.areas[].rated")
							case "level":
								a.level, err = s.intValue("scores.areas[].level")
							case "target":
								a.target, err = s.intValue("scores.areas[].target")
							case "level_label":
								a.label, err = s.strValue("scores.areas[].level_label")
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
							case "framework":
								n.fw, err = s.strValue("scores.needs[].framework")
							case "area":
								n.area, err = s.strValue("scores.needs[].area")
							case "statement":
								n.statement, err = s.strValue("scores.needs[].statement")
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

// contributionOf checks an extracted record and turns it into what it adds
// to the aggregates.
func contributionOf(r *extracted) (contribution, error) {
	var c contribution
	err := contributionInto(&c, r)
	return c, err
}

// contributionInto is contributionOf reusing c's slices. c shares r's
// frameworks and needs.
func contributionInto(c *contribution, r *extracted) error {
	switch {
	case r.format != record.Format:
		return errNotRecord
	case r.schemaVersion > record.SchemaVersion:
		return fmt.Errorf("a record from a newer reflect (schema %d; this reflect reads up to %d): update reflect", r.schemaVersion, record.SchemaVersion)
	case r.schemaVersion < 1:
		return fmt.Errorf("schema_version %d is not valid", r.schemaVersion)
	case r.id == "":
		return errors.New("the record has no id")
	}
	labels := c.labels
	clear(labels)
	*c = contribution{id: r.id, status: r.status, areas: c.areas[:0], labels: labels}
	if r.updated != "" {
		t, err := time.Parse(time.RFC3339Nano, r.updated)
		if err != nil {
			return fmt.Errorf("updated %q is not a time", r.updated)
		}
		c.updated = t.UnixNano()
	}
	if r.status != record.StatusComplete {
		c.inProgress = true
		return nil
	}
	if !r.hasScores {
		return errors.New("the record is marked complete but has no scores")
	}
	c.fws = r.frameworks
	for _, a := range r.areas {
		if a.rated <= 0 {
			continue
		}
		c.areas = append(c.areas, areaC{fw: a.fw, domain: a.domain, code: a.code, title: a.title,
			level: a.level, mean100: int64(a.mean*100 + 0.5), below: a.target > 0 && a.gap > 0})
		if a.level > 0 && a.label != "" {
			if c.labels == nil {
				c.labels = map[levelKey]string{}
			}
			c.labels[levelKey{a.fw, a.level}] = a.label
		}
	}
	c.needs = r.needs
	return nil
}
