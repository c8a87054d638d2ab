package assess

import (
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"strings"

	"github.com/reflect-cpd/reflect/internal/anonymise"
	"github.com/reflect-cpd/reflect/internal/answers"
	"github.com/reflect-cpd/reflect/internal/assessment"
	"github.com/reflect-cpd/reflect/internal/cli/cmdutil"
	"github.com/reflect-cpd/reflect/internal/cpd"
	"github.com/reflect-cpd/reflect/internal/linemode"
	"github.com/reflect-cpd/reflect/internal/record"
	"github.com/reflect-cpd/reflect/internal/session"
	"github.com/reflect-cpd/reflect/internal/store"
	"github.com/reflect-cpd/reflect/internal/yamlx"
)

// runScripted makes a record from an answers file without prompts. The
// summary goes to standard output (or the record, with --out -); what is
// unanswered and where the record was saved go to standard error.
func runScripted(deps *cmdutil.Deps, opts *Options, st *store.Store) error {
	data, err := readLimited(opts.AnswersFile, answers.MaxFileSize)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return yamlx.Problems{{File: opts.AnswersFile, Msg: "no such file", Hint: "check the path; testdata/answers-example.yaml shows the format"}}
		}
		return err
	}
	// Shape problems do not stop the checks against the framework, so
	// that the person sees every problem at once.
	af, shape := answers.Parse(opts.AnswersFile, data)
	if af == nil {
		return shape
	}
	all := func(more yamlx.Problems) error {
		out := append(append(yamlx.Problems{}, shape...), more...)
		out.Sort()
		return out
	}
	af.Dir = filepath.Dir(opts.AnswersFile)

	// Load the frameworks named on the command line and in the file,
	// each file once.
	args := append([]string(nil), opts.Frameworks...)
	seen := map[string]bool{}
	for _, a := range args {
		seen[abs(a)] = true
	}
	fileArgs := af.FrameworkFiles()
	for _, p := range fileArgs {
		if !seen[abs(p)] {
			seen[abs(p)] = true
			args = append(args, p)
		}
	}
	set, fws, err := cmdutil.ResolveFrameworks(deps, args)
	if err != nil {
		return err
	}
	fileIDs := map[string]string{}
	for _, p := range fileArgs {
		for i, a := range args {
			if abs(a) == abs(p) {
				fileIDs[p] = fws[i].ID
			}
		}
	}
	var cli []assessment.Scope
	if n := len(opts.Frameworks); n > 0 {
		if cli, err = scopesFromFlags(fws[:n], opts.Profiles, opts.Areas); err != nil {
			return err
		}
	} else if len(opts.Profiles) > 0 || len(opts.Areas) > 0 {
		return cmdutil.Usagef("--profile and --areas need --framework; with --answers, put them in the answers file")
	}
	scopes, probs := af.Scopes(set, fileIDs, cli)
	if len(probs) > 0 {
		return all(probs)
	}
	plan, err := assessment.NewPlan(set, scopes)
	if err != nil {
		return err
	}
	sess, err := assessment.NewSession(plan)
	if err != nil {
		return err
	}
	now := deps.Now()
	rec := record.New(opts.NewID(), now, tool(deps), plan)
	// Details given on the command line win over the file's.
	mergePractitioner(&af.Practitioner, opts.Practitioner)
	rep, probs := af.Apply(sess, rec, answers.Env{Now: deps.Now, HashFile: func(p string) (record.Evidence, error) { return linemode.HashFile(p) }, NewGoalID: opts.NewGoalID})
	if len(probs) > 0 || len(shape) > 0 {
		return all(probs)
	}
	findings := rep.Findings
	rec.Sync(sess, now)
	cpd.Settle(rec)
	if len(sess.Plan.Items) > 0 {
		sess.GotoCode(firstUnanswered(sess))
	}

	s, err := session.Begin(sessionOptions(deps, st, 1), sess, rec)
	if err != nil {
		return busy(err)
	}
	if err := s.Close(); err != nil {
		return err
	}

	errw := deps.IO.Err
	if n := len(rep.Unanswered); n > 0 {
		fmt.Fprintf(errw, "%s: %d of %d competences are unanswered: %s\n", opts.AnswersFile, n, sess.Len(), strings.Join(rep.Unanswered, ", "))
		fmt.Fprintf(errw, "They are listed as unanswered, not counted. Answer them with: reflect assess --resume %s\n", rec.ID)
	}
	for _, f := range findings {
		fmt.Fprintf(errw, "%s: check %s: %q looks like %s\n", opts.AnswersFile, f.Field, f.Excerpt, anonymise.Describe(f.Kind))
	}
	if len(findings) > 0 && !af.ConfirmAnonymised {
		fmt.Fprintln(errw, "Change anything that could identify a person before you share the record.")
	}
	fmt.Fprintf(errw, "Saved as %s (%s) in %s.\n", rec.ID, cpd.ProgressOf(rec), st.Dir())
	if opts.Out == "-" {
		return writeOut(deps, opts, rec)
	}
	linemode.WriteSummary(deps.IO.Out, sess, 80)
	return writeOut(deps, opts, rec)
}

// firstUnanswered is where a resumed scripted assessment continues.
func firstUnanswered(s *assessment.Session) string {
	for _, it := range s.Plan.Items {
		if !s.Answer(it.Code()).Answered() {
			return it.Code()
		}
	}
	return s.Plan.Items[0].Code()
}

// mergePractitioner lets command-line details override the file's.
func mergePractitioner(dst *answers.Practitioner, src record.Practitioner) {
	for _, f := range []struct {
		d *string
		s string
	}{
		{&dst.Name, src.Name}, {&dst.Profession, src.Profession}, {&dst.Role, src.Role},
		{&dst.Setting, src.Setting}, {&dst.Regulator, src.Regulator}, {&dst.Registration, src.Registration},
	} {
		if f.s != "" {
			*f.d = f.s
		}
	}
}
