package curriculum

import (
	"io"
	"strings"

	"github.com/reflect-cpd/reflect/internal/framework"
	"github.com/reflect-cpd/reflect/internal/textutil"
)

// WriteTemplate writes a starter curriculum for the given frameworks: a
// module with one session and one outcome to copy, and, as comments, every
// competence code with the start of its statement, by domain and area, so
// that a trainer can map outcomes without looking codes up elsewhere. The
// result parses and validates as it is.
func WriteTemplate(w io.Writer, id string, fws []*framework.Framework) error {
	t := &textWriter{w: w, width: 100}
	var ids []string
	for _, f := range fws {
		ids = append(ids, f.ID)
	}
	first := ""
	if len(fws) > 0 && len(fws[0].Competences()) > 0 {
		first = fws[0].Competences()[0].Code
	}
	t.printf(`# A curriculum for reflect (format version 1). Describe the course as
# modules, sessions and learning outcomes, and map each outcome to the
# competences it addresses: introduces, develops or assesses. Check it with
#   reflect curriculum validate FILE
# and see its coverage with
#   reflect curriculum map FILE --format html -o coverage.html
# Editors check the file as you type when its first line is
#   # yaml-language-server: $schema=<reflect>/frameworks/curriculum.schema.json
# The competence codes of %s are listed at the end.
schema: 1
id: %s
title: Title of the course
version: 1.0.0
provider: Who runs the course
audience: Who the course is for
description: What the course is, in a few sentences.
delivery: face-to-face   # face-to-face, online-live, online-self-paced, blended, simulation or workplace
frameworks: [%s]
modules:
  - id: M1
    title: First module
    sessions:
      - title: First session
        method: e.g. role play, simulation, short talk
        duration: 45m
        outcomes:
          - text: What participants will be able to do
            maps:
`, strings.Join(ids, ", "), id, strings.Join(ids, ", "))
	if first != "" {
		t.printf("              %s: introduces   # introduces, develops or assesses\n", first)
	}
	for _, f := range fws {
		t.printf("\n# ---- %s (%s %s) ----\n", f.Title, f.ID, f.Version)
		for _, l := range strings.Split(textutil.Wrap(f.Provenance.Notice, 96, "", ""), "\n") {
			t.printf("# %s\n", l)
		}
		for _, d := range f.Domains {
			t.printf("#\n# %s %s\n", d.Code, d.Title)
			for _, a := range d.Areas {
				t.printf("#   %s %s\n", a.Code, a.Title)
				for _, c := range a.Competences {
					t.printf("#     %-12s %s\n", c.Code, textutil.Truncate(oneLine(c.Statement), 80, "…"))
				}
			}
		}
	}
	return t.err
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
