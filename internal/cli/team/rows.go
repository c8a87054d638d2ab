package team

import (
	"fmt"
	"io"
	"os"
	"runtime"
	"slices"

	"github.com/reflect-cpd/reflect/internal/cli/cmdutil"
	"github.com/reflect-cpd/reflect/internal/cli/supervise"
	"github.com/reflect-cpd/reflect/internal/fsutil"
	"github.com/reflect-cpd/reflect/internal/record"
	"github.com/reflect-cpd/reflect/internal/team"
	"github.com/reflect-cpd/reflect/internal/vault"
)

// RowsWarning is said on every row export.
const RowsWarning = "These rows are pseudonymised, not anonymous: each record's rows share a pseudonym that anyone holding the key can work out from a record id, and a person's answers together may identify them. Keep the file and the key apart, and as you keep personal data."

// rowsRun writes the row export.
func rowsRun(deps *cmdutil.Deps, opts *options, paths []string) error {
	format := opts.format
	if format == "text" && opts.output == "" {
		format = ""
	}
	if !slices.Contains([]string{team.RowsParquet, team.RowsNDJSON}, format) {
		return cmdutil.Usagef("--rows writes parquet or ndjson: add --format parquet or --format ndjson (or -o FILE.parquet)")
	}
	if format == team.RowsParquet && opts.output == "" {
		return cmdutil.Usagef("--format parquet writes a binary file: give it a name with -o FILE.parquet")
	}
	if len(opts.by) > 0 || opts.period != "" {
		return cmdutil.Usagef("--by and --period are for the report; the rows carry each record's profession, role, setting, year and quarter")
	}
	if opts.keyFile == "" {
		return cmdutil.Usagef("--rows needs --pseudonym-key FILE: the organisation's key (at least 16 random bytes; make one with: head -c 32 /dev/urandom > org.key; chmod 600 org.key)")
	}
	key, err := readKey(opts.keyFile)
	if err != nil {
		return err
	}
	set, err := supervise.Frameworks(deps, opts.frameworks)
	if err != nil {
		return err
	}
	if opts.output != "" {
		for _, p := range paths {
			if supervise.SameFile(p, opts.output) || supervise.SameFile(opts.keyFile, opts.output) {
				return cmdutil.Usagef("-o %s is one of the inputs; choose another name", opts.output)
			}
		}
		if !opts.force {
			if err := supervise.MustNotExist(opts.output); err != nil {
				return err
			}
		}
	}
	errw := deps.IO.Err
	topt := team.Options{MinGroup: opts.minGroup, Set: set, IncludeIncomplete: opts.incomplete, Decrypt: func(path string, data []byte) ([]byte, error) {
		return vault.Decrypt(path, data, deps.Keyring(), record.MaxSize)
	}}
	onProblem := func(p team.Problem) { fmt.Fprintf(errw, "Skipped %s: %s\n", p.Path, p.Err) }
	var st team.Stats
	var n int64
	export := func(w io.Writer) error {
		sink, err := team.NewRowSink(w, format)
		if err != nil {
			return err
		}
		st, n, err = team.ExportRows(paths, topt, key, sink, onProblem)
		return err
	}
	if opts.output == "" {
		err = export(deps.IO.Out)
	} else {
		err = fsutil.WriteOutputStream(opts.output, fsutil.FileMode, opts.force, export)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(errw, "Read %d files: %d records, %d rows", st.Files, st.Records, n)
	if st.Duplicates > 0 {
		fmt.Fprintf(errw, ", %d older copies left out", st.Duplicates)
	}
	if st.InProgress > 0 {
		fmt.Fprintf(errw, ", %d not complete left out", st.InProgress)
	}
	if st.Unreadable > 0 {
		fmt.Fprintf(errw, ", %d skipped (listed above)", st.Unreadable)
	}
	fmt.Fprintln(errw, ".")
	fmt.Fprintln(errw, RowsWarning)
	if opts.output != "" {
		fmt.Fprintf(errw, "Wrote %s.\n", opts.output)
	}
	return nil
}

// readKey reads the pseudonym key: a regular file others cannot read, of
// at least team.MinKeyBytes.
func readKey(path string) ([]byte, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("--pseudonym-key %s: %w", path, err)
	}
	if !fi.Mode().IsRegular() {
		return nil, fmt.Errorf("--pseudonym-key %s is not a regular file", path)
	}
	if runtime.GOOS != "windows" && fi.Mode().Perm()&0o077 != 0 {
		return nil, fmt.Errorf("--pseudonym-key %s can be read by others (mode %04o): whoever reads it can match pseudonyms to record ids. Make it yours alone: chmod 600 %s", path, fi.Mode().Perm(), path)
	}
	if fi.Size() > 1<<20 {
		return nil, fmt.Errorf("--pseudonym-key %s is %d bytes; a key is a few dozen bytes: check it is the right file", path, fi.Size())
	}
	key, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("--pseudonym-key %s: %w", path, err)
	}
	if len(key) < team.MinKeyBytes {
		return nil, fmt.Errorf("--pseudonym-key %s holds %d bytes; a key needs at least %d random bytes (head -c 32 /dev/urandom > %s)", path, len(key), team.MinKeyBytes, path)
	}
	return key, nil
}
