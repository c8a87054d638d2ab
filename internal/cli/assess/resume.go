package assess

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/reflect-cpd/reflect/internal/cli/cmdutil"
	"github.com/reflect-cpd/reflect/internal/framework"
	"github.com/reflect-cpd/reflect/internal/record"
	"github.com/reflect-cpd/reflect/internal/session"
	"github.com/reflect-cpd/reflect/internal/store"
	"github.com/reflect-cpd/reflect/internal/textutil"
	"github.com/reflect-cpd/reflect/internal/yamlx"
)

// resume opens a saved assessment (with its journal replayed), says what
// the session layer found, checks the frameworks and attaches the session.
func resume(deps *cmdutil.Deps, opts *Options, st *store.Store, set *framework.Set, every int) (*session.Session, error) {
	id := opts.ResumeID
	if id == "" {
		e, err := st.Latest()
		if err != nil {
			return nil, err
		}
		id = e.ID
	} else {
		var err error
		if id, err = st.Resolve(id); err != nil {
			return nil, err
		}
	}
	s, rep, err := session.Open(sessionOptions(deps, st, every), id, opts.FromBackup)
	var ce *store.CorruptError
	if errors.As(err, &ce) {
		// Say all of it: where the file is broken and how to use the
		// backup (the app would otherwise print only the problems).
		return nil, errors.New(ce.Error())
	}
	if err != nil {
		return nil, busy(err)
	}
	if rep.FromBackup {
		fmt.Fprintf(deps.IO.Err, "Continuing from the backup. The unreadable file is kept as %s.\n", rep.Restored)
	}
	for _, n := range rep.Notes() {
		fmt.Fprintln(deps.IO.Err, textutil.Wrap(n, 80, "", ""))
	}
	if err := openRecord(deps, opts, st, set, s); err != nil {
		s.Release()
		return nil, err
	}
	return s, nil
}

// openRecord makes the assessment session from the opened record,
// asking first when a framework has changed, and attaches it.
func openRecord(deps *cmdutil.Deps, opts *Options, st *store.Store, set *framework.Set, s *session.Session) error {
	rec, id := s.Rec, s.Rec.ID
	sess, lost, mism, err := record.Open(rec, set)
	if err != nil {
		return err
	}
	keep := fmt.Sprintf("%s.before-%s", st.Path(id), deps.Now().UTC().Format("20060102T150405Z"))
	if len(mism) > 0 {
		if err := confirmChanged(deps, opts, id, mism, len(lost), keep); err != nil {
			return err
		}
	}
	if len(mism) > 0 || len(lost) > 0 {
		// Keep a copy of the record as it was, so nothing is lost when the
		// next save refers to the new version or leaves out answers the
		// framework no longer asks.
		data, _ := record.Marshal(rec)
		if err := st.WriteFile(keep, data, false); err != nil {
			return fmt.Errorf("cannot keep a copy of the record before continuing: %w", err)
		}
	}
	for _, m := range mism {
		for i := range rec.Frameworks {
			if f := set.Get(rec.Frameworks[i].ID); f != nil && rec.Frameworks[i].ID == m.ID {
				rec.Frameworks[i].Version, rec.Frameworks[i].Digest = f.Version, f.Digest
			}
		}
	}
	if len(mism) > 0 {
		fmt.Fprintf(deps.IO.Err, "Continuing with the framework as it is now. The record as it was is kept in %s.\n", keep)
	}
	if len(lost) > 0 {
		var codes []string
		for _, a := range lost {
			codes = append(codes, a.Code)
		}
		fmt.Fprintf(deps.IO.Err, "%d saved answers are for competences this framework no longer asks (%s). They are kept in %s.\n", len(lost), strings.Join(codes, ", "), keep)
	}
	if err := s.Attach(sess); err != nil {
		return err
	}
	if len(mism) > 0 || len(lost) > 0 {
		// The record refers to the framework as it is now.
		return s.Checkpoint()
	}
	return nil
}

// confirmChanged explains that a framework changed since the assessment
// was started and asks whether to continue: yes with
// --accept-changed-framework, else a yes/no question on the terminal or
// the line-mode input. Anything but yes changes nothing.
func confirmChanged(deps *cmdutil.Deps, opts *Options, id string, mism []record.DigestMismatch, lost int, keep string) error {
	w := deps.IO.Err
	for _, m := range mism {
		name := m.ID
		if m.Title != "" {
			name = fmt.Sprintf("%s (%s)", m.ID, m.Title)
		}
		fmt.Fprintf(w, "The framework %s has changed since this assessment was started.\n", name)
		fmt.Fprintf(w, "  You started with %s; reflect now has %s.\n", versionText(m.RecordVersion, m.RecordDigest), versionText(m.CurrentVersion, m.CurrentDigest))
	}
	fmt.Fprintln(w, "Statements may now read differently from the ones you answered, and some may have been added or taken out.")
	fmt.Fprintln(w, "Your answers stay with their competence codes. If you continue, the record will refer to the framework as it")
	fmt.Fprintf(w, "is now, and a copy of the record as it was is kept as %s.\n", filepath.Base(keep))
	if lost > 0 {
		fmt.Fprintf(w, "%d of your answers are for competences it no longer asks; they stay in that copy.\n", lost)
	}
	if opts.AcceptChanged {
		return nil
	}
	fmt.Fprint(w, "Continue with the framework as it is now? Type yes or no [no]: ")
	answer, _ := readLine(deps.IO.In)
	switch strings.ToLower(strings.TrimSpace(answer)) {
	case "y", "yes":
		fmt.Fprintln(w)
		return nil
	}
	// The framework files given must be given again, or the command would
	// stop at "not loaded".
	fws := ""
	for _, f := range opts.Frameworks {
		fws += " --framework " + shellWord(f)
	}
	fmt.Fprintf(w, "\nNothing was changed. To continue later without this question, run:\n  reflect assess --resume %s%s --accept-changed-framework\n", id, fws)
	return cmdutil.Silent(cmdutil.ExitFailure)
}

// shellWord quotes s for a POSIX shell when it holds anything but plain
// path characters, so a suggested command can be pasted as it is.
func shellWord(s string) string {
	plain := s != ""
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("/._-+=:,@%", r)) {
			plain = false
			break
		}
	}
	if plain {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

func versionText(version, digest string) string {
	if len(digest) > 12 {
		digest = digest[:12]
	}
	return fmt.Sprintf("version %s (content sha256 %s)", version, digest)
}

// readLine reads one line a byte at a time, so that nothing after it is
// taken from the input that line mode or the questionnaire reads next.
func readLine(r io.Reader) (string, error) {
	var b []byte
	var c [1]byte
	for len(b) < 4096 {
		n, err := r.Read(c[:])
		if n == 1 {
			if c[0] == '\n' {
				break
			}
			b = append(b, c[0])
		}
		if err != nil {
			return string(b), err
		}
	}
	return strings.TrimSuffix(string(b), "\r"), nil
}

// readLimited reads a small input file. Folders, devices and pipes are
// refused before opening (opening a named pipe would wait for a writer),
// and so is a file over max, with its real size.
func readLimited(name string, max int64) ([]byte, error) {
	fi, err := os.Stat(name)
	if err != nil {
		return nil, err
	}
	if fi.IsDir() {
		return nil, fmt.Errorf("%s is a folder, not a file", name)
	}
	if !fi.Mode().IsRegular() {
		return nil, yamlx.Problems{{File: name, Msg: "this is not a regular file", Hint: "give the path of a YAML file"}}
	}
	if fi.Size() > max {
		return nil, yamlx.Problems{{File: name, Msg: fmt.Sprintf("the file is %d bytes, larger than the %d MiB limit for answers files", fi.Size(), max>>20), Hint: "check that this is the right file"}}
	}
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(io.LimitReader(f, max+1))
}

func abs(p string) string {
	if a, err := filepath.Abs(p); err == nil {
		return a
	}
	return p
}
