// Scopes: checking the answers file's frameworks, profiles and areas
// against the loaded frameworks and turning them into assessment scopes.

package answers

import (
	"fmt"
	"sort"
	"strings"

	"github.com/reflect-cpd/reflect/internal/assessment"
	"github.com/reflect-cpd/reflect/internal/framework"
	"github.com/reflect-cpd/reflect/internal/yamlx"
)

// Scopes works out what to assess. fileIDs maps each framework file the
// answers file names (as returned by FrameworkFiles) to the id of the
// framework loaded from it. cli are the scopes chosen on the command line
// (may be empty). When both the file and the command line name frameworks,
// they must be the same ones.
func (f *File) Scopes(set *framework.Set, fileIDs map[string]string, cli []assessment.Scope) ([]assessment.Scope, yamlx.Problems) {
	var probs yamlx.Problems
	if len(f.Frameworks) == 0 {
		if len(cli) == 0 {
			return nil, yamlx.Problems{f.problem(f.Pos, "add a frameworks: list naming the framework(s), such as frameworks: [adults], or pass --framework", "the answers file does not say which framework it answers")}
		}
		return cli, nil
	}
	var scopes []assessment.Scope
	for _, e := range f.Frameworks {
		id := e.ID
		if e.File != "" {
			loaded := fileIDs[f.resolve(e.File)]
			if e.ID != "" && loaded != "" && loaded != e.ID {
				probs = append(probs, f.problem(e.Pos, "correct the id or the file", "framework mismatch: %s holds framework %q, not %q", e.File, loaded, e.ID))
				continue
			}
			id = loaded
		}
		fw := set.Get(id)
		if fw == nil {
			hint := "pass its file with --framework FILE, or add file: PATH to this entry"
			if s := yamlx.Suggest(id, set.IDs()); s != "" {
				hint = fmt.Sprintf("did you mean %q?", s)
			}
			probs = append(probs, f.problem(e.Pos, hint, "there is no framework %q (loaded: %s)", id, strings.Join(set.IDs(), ", ")))
			continue
		}
		if e.Version != "" && e.Version != fw.Version {
			probs = append(probs, f.problem(e.Pos, "update the answers to this version, or load the version they were written for with --framework FILE",
				"framework mismatch: the answers are for %s version %s, but version %s is loaded", fw.ID, e.Version, fw.Version))
			continue
		}
		if e.Profile != "" && fw.Profile(e.Profile) == nil {
			var ids []string
			for _, p := range fw.Profiles {
				ids = append(ids, p.ID)
			}
			hint := "profiles: " + strings.Join(ids, ", ")
			if s := yamlx.Suggest(e.Profile, ids); s != "" {
				hint = fmt.Sprintf("did you mean %q?", s)
			}
			probs = append(probs, f.problem(e.Pos, hint, "framework %s has no profile %q", fw.ID, e.Profile))
			continue
		}
		bad := false
		for _, a := range e.Areas {
			if fw.Area(a) == nil {
				var codes []string
				for _, ar := range fw.Areas() {
					codes = append(codes, ar.Code)
				}
				hint := "run 'reflect frameworks show " + fw.ID + "' for the area codes"
				if s := yamlx.Suggest(a, codes); s != "" {
					hint = fmt.Sprintf("did you mean %q?", s)
				}
				probs = append(probs, f.problem(e.Pos, hint, "framework %s has no area %q", fw.ID, a))
				bad = true
			}
		}
		if bad {
			continue
		}
		scopes = append(scopes, assessment.Scope{Framework: fw.ID, Profile: e.Profile, Areas: e.Areas})
	}
	if len(probs) > 0 {
		return nil, probs
	}
	if len(cli) > 0 {
		if !sameFrameworks(scopes, cli) {
			return nil, yamlx.Problems{f.problem(f.frameworksPos, "leave out --framework, or use the answers file written for those frameworks",
				"framework mismatch: the answers file is for %s, but --framework chose %s", scopeIDs(scopes), scopeIDs(cli))}
		}
		// A profile or areas on the command line override the file's.
		for i := range scopes {
			for _, c := range cli {
				if c.Framework == scopes[i].Framework && (c.Profile != "" || len(c.Areas) > 0) {
					scopes[i].Profile, scopes[i].Areas = c.Profile, c.Areas
				}
			}
		}
	}
	return scopes, nil
}

func scopeIDs(s []assessment.Scope) string {
	var ids []string
	for _, x := range s {
		ids = append(ids, x.Framework)
	}
	return strings.Join(ids, ", ")
}

func sameFrameworks(a, b []assessment.Scope) bool {
	x, y := strings.Split(scopeIDs(a), ", "), strings.Split(scopeIDs(b), ", ")
	sort.Strings(x)
	sort.Strings(y)
	return strings.Join(x, ",") == strings.Join(y, ",")
}
