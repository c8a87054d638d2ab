package review

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/reflect-cpd/reflect/internal/cli/cmdutil"
	"github.com/reflect-cpd/reflect/internal/fsutil"
	"github.com/reflect-cpd/reflect/internal/record"
	"github.com/reflect-cpd/reflect/internal/store"
)

// A review that is left part way (quit, the input ending, the statement
// declined) is kept as a draft in the data folder, private to the
// reviewer (review-drafts/RECORD-ID.yaml, in the review file's form), and
// offered the next time the same record is reviewed. It is removed once
// the review is written.
type drafts struct {
	path string       // "" when there is no data folder: nothing is kept
	st   *store.Store // reads and writes it, encrypted when the folder is
}

func newDrafts(deps *cmdutil.Deps, r *record.Record) *drafts {
	st, err := deps.Store()
	if err != nil || !store.ValidID(r.ID) {
		return &drafts{}
	}
	return &drafts{path: filepath.Join(st.Root, "review-drafts", r.ID+".yaml"), st: st}
}

// offer returns the draft kept for this record, saying so, unless the
// reviewer asked to start afresh.
func (d *drafts) offer(deps *cmdutil.Deps, noDraft, flagsUsed bool) (record.Review, bool) {
	if d.path == "" {
		return record.Review{}, false
	}
	fi, err := os.Stat(d.path)
	if err != nil {
		return record.Review{}, false
	}
	w := deps.IO.Err
	if noDraft {
		fmt.Fprintf(w, "Starting afresh (--no-draft); your earlier draft is still in %s and is replaced when you quit again.\n", d.path)
		return record.Review{}, false
	}
	data, err := d.st.ReadFile(d.path, record.MaxReviewFileSize)
	if err == nil {
		var rev record.Review
		if rev, err = record.ReadReviewDraft(data); err == nil {
			fmt.Fprintf(w, "Carrying on from your draft of %s (kept in %s). To start afresh instead, add --no-draft.\n", fi.ModTime().Local().Format("2 Jan 2006 15:04"), d.path)
			if flagsUsed {
				fmt.Fprintln(w, "Note: the draft's answers are used in place of --name, --comment and the other answers given as flags.")
			}
			return rev, true
		}
	}
	fmt.Fprintf(w, "Note: your draft in %s cannot be read (%v); starting afresh. It is kept as it is until you quit again.\n", d.path, err)
	return record.Review{}, false
}

// save keeps rev as the draft and returns where.
func (d *drafts) save(rev record.Review) (string, error) {
	if d.path == "" {
		return "", errors.New("there is no data folder to keep it in (set REFLECT_DATA_DIR)")
	}
	data, err := record.MarshalReviewFile(rev)
	if err != nil {
		return "", err
	}
	if err := fsutil.MkdirPrivate(filepath.Dir(d.path)); err != nil {
		return "", err
	}
	if err := d.st.WriteFile(d.path, data, false); err != nil {
		return "", err
	}
	return d.path, nil
}

// remove deletes the draft once the review is written.
func (d *drafts) remove() {
	if d.path == "" {
		return
	}
	// A draft that cannot be removed is offered next time, and says so.
	_ = os.Remove(d.path)
}

// resumeArgs is the command that carries on from a draft.
func resumeArgs(opts *Options) []string {
	args := []string{"review", quote(opts.Input), "--accessible"}
	for _, f := range opts.Frameworks {
		args = append(args, "--framework", quote(f))
	}
	if opts.Output != "" {
		args = append(args, "-o", quote(opts.Output))
	}
	if opts.Sign {
		args = append(args, "--sign")
	}
	return args
}

// quote quotes an argument for a POSIX shell when it needs it.
func quote(s string) string {
	if s != "" && !strings.ContainsAny(s, " \t\n'\"\\$`*?[]{}()<>|&;#~!") {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
