// Package verify implements `reflect verify`: is a record unchanged since
// each review, are its figures those its answers give, are the reviews
// those each later one followed, and is each signed by a key you trust?
package verify

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/reflect-cpd/reflect/internal/cli/cmdutil"
	"github.com/reflect-cpd/reflect/internal/cli/supervise"
	"github.com/reflect-cpd/reflect/internal/record"
)

type options struct {
	keys       []string
	reviews    []string
	frameworks []string
	format     string
}

// Long is the command's help: what a file alone can and cannot prove.
const Long = `Check a reviewed CPD record. For every review, verify checks:

  content    what the practitioner wrote is exactly what the reviewer saw
             (the review holds a salted SHA-256 digest of each section)
  figures    the scores, levels, gaps, needs and status stored in the file
             are the ones its answers give (they are worked out again)
  chain      the reviews before it are the ones it followed (each review
             holds the fingerprint of every earlier one), so an earlier
             review removed or moved is found
  signature  the signature is valid, and made with a key you trust: one in
             your trusted keys ('reflect keys trust FILE.pub') or given with
             --key for this run

What a file alone cannot prove:
  - who wrote an unsigned review: anyone could have;
  - who holds a key: a valid signature by a key you have not checked with
    its owner shows only that someone with that key signed;
  - that nothing was removed from the end: deleting the last review (or the
    last few) leaves a record that is consistent. The reviewer can check
    with --review FINGERPRINT, the fingerprint 'reflect review' printed;
  - anything about a section withheld from a shared copy, beyond its digest;
  - that the practitioner's answers are true: a review confirms a review and
    a discussion took place, never competence.

Exit status (the worst review decides):
  0  trusted: unchanged since every review, and every review signed by a key
     you trust
  4  changed: the content, a stored figure or the chain of reviews changed
     after a review, or a --review fingerprint is not in the record
  5  bad signature: a signature is not valid (the review was altered after
     signing, or the signature is damaged)
  6  signed, key not trusted: unchanged, but a review is signed with a key
     that is not in your trusted keys
  7  not signed: unchanged, but a review is not signed, so anyone could have
     written it
  1  the record could not be read, has no review, or its frameworks are not
     loaded (pass them with --framework FILE)

A bad signature outranks a change, a change outranks an unsigned review,
and an unsigned review outranks a key not trusted.`

// NewCmd returns the `verify` command.
func NewCmd(deps *cmdutil.Deps) *cobra.Command {
	opts := &options{}
	cmd := &cobra.Command{
		Use:   "verify RECORD.json",
		Short: "Check that a reviewed record is unchanged and signed by a key you trust",
		Long:  Long,
		Example: `  reflect verify alex-cpd-reviewed.json
  reflect verify alex-cpd-reviewed.json --key sam-review-key.pub
  reflect verify alex-cpd-reviewed.json --review "3f2a 9c1b 77d0 e4a5"
  reflect verify alex-cpd-reviewed.json --format json`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return run(deps, opts, args[0])
		},
	}
	cmd.Flags().StringArrayVar(&opts.keys, "key", nil, "trust this reviewer's public key for this run: a file (review-key.pub) or the key line; repeat for several")
	cmd.Flags().StringArrayVar(&opts.reviews, "review", nil, "a review fingerprint that must be in the record (as 'reflect review' printed it); repeat for several")
	cmd.Flags().StringArrayVar(&opts.frameworks, "framework", nil, "a framework YAML file the record was made with that is not built in (repeatable)")
	cmd.Flags().StringVarP(&opts.format, "format", "f", "text", "output format: text or json")
	_ = cmd.RegisterFlagCompletionFunc("format", cobra.FixedCompletions([]string{"text", "json"}, cobra.ShellCompDirectiveNoFileComp))
	return cmd
}

// exitCode maps a verdict to the command's exit status.
func exitCode(v record.Verdict) int {
	switch v {
	case record.VerdictTrusted:
		return cmdutil.ExitOK
	case record.VerdictUntrusted:
		return cmdutil.ExitUntrusted
	case record.VerdictUnsigned:
		return cmdutil.ExitUnsigned
	case record.VerdictChanged:
		return cmdutil.ExitChanged
	}
	return cmdutil.ExitBadSignature
}

func run(deps *cmdutil.Deps, opts *options, path string) error {
	if opts.format != "text" && opts.format != "json" {
		return cmdutil.Usagef("unknown format %q: use text or json", opts.format)
	}
	var expect []string
	for _, fp := range opts.reviews {
		h, err := record.ParseFingerprint(fp)
		if err != nil {
			return cmdutil.Usagef("--review: %v", err)
		}
		expect = append(expect, h)
	}
	trusted, err := supervise.Trusted(deps, opts.keys)
	if err != nil {
		return err
	}
	set, err := supervise.Frameworks(deps, opts.frameworks)
	if err != nil {
		return err
	}
	l, err := supervise.Open(deps, path, set)
	if err != nil {
		return err
	}
	r := l.Record
	if len(r.Reviews) == 0 {
		return fmt.Errorf("%s has not been reviewed, so there is nothing to verify; a supervisor adds a review with 'reflect review %s'", path, path)
	}
	vo := record.VerifyOptions{Trusted: trusted, Expect: expect}
	// A stored figure that differs is a change, unless a framework itself
	// changed since the record was made: then the figures worked out now
	// may differ for that reason alone, and it is only reported.
	frameworkChanged := len(l.Derived.Mismatch) > 0
	if !frameworkChanged {
		vo.Figures = l.Stored
	}
	v, err := record.Verify(r, vo)
	if err != nil {
		return err
	}
	if opts.format == "json" {
		err = writeJSON(deps.IO.Out, path, r, v, l)
	} else {
		err = writeText(deps.IO.Out, path, r, v, l)
	}
	if err != nil {
		return err
	}
	if code := exitCode(v.Verdict()); code != cmdutil.ExitOK {
		return cmdutil.Silent(code)
	}
	return nil
}

func reviewerLine(rev record.Review) string {
	parts := []string{rev.Reviewer.Name}
	if rev.Reviewer.Role != "" {
		parts = append(parts, rev.Reviewer.Role)
	}
	if rev.Reviewer.Registration != "" {
		parts = append(parts, rev.Reviewer.Registration)
	}
	return strings.Join(parts, ", ")
}

func fingerprint(id string) string {
	var parts []string
	for i := 0; i+4 <= len(id); i += 4 {
		parts = append(parts, id[i:i+4])
	}
	return strings.Join(parts, " ")
}

func sectionTitles(names []string) string {
	var out []string
	for _, n := range names {
		if info, ok := record.SectionByName(n); ok {
			out = append(out, n+" ("+info.Title+")")
		} else {
			out = append(out, n)
		}
	}
	return strings.Join(out, ", ")
}

func writeText(w io.Writer, path string, r *record.Record, v record.Verification, l *supervise.Loaded) error {
	fmt.Fprintf(w, "Record %s (%s)\n", path, r.ID)
	if len(v.Withheld) > 0 {
		fmt.Fprintf(w, "Shared copy: withheld by the practitioner: %s. Their digests are in the reviews; the rest is checked.\n", sectionTitles(v.Withheld))
	}
	switch {
	case l.Stored != nil && len(l.Derived.Mismatch) > 0:
		fmt.Fprintf(w, "Figures:   NOT CHECKED: the stored figures differ from those worked out now (%s), but %s, so the difference may come from that. To check them, pass the framework file the record was made with: --framework FILE\n", l.Stored, l.Derived.Mismatch[0])
	case l.Stored != nil:
		fmt.Fprintf(w, "Figures:   WRONG: a stored figure is not what the answers give: %s\n", l.Stored)
	default:
		fmt.Fprintf(w, "Figures:   the stored scores, needs and status are those the answers give\n")
	}
	for _, c := range v.Checks {
		rev := c.Review
		fmt.Fprintf(w, "\nReview %d of %d: %s, %s (fingerprint %s)\n", c.Index+1, len(v.Checks), reviewerLine(rev), rev.Date, record.ShortFingerprint(c.Fingerprint))
		switch {
		case c.Intact && len(c.Withheld) > 0:
			fmt.Fprintf(w, "  Content:   unchanged since this review, for everything shown (withheld: %s)\n", strings.Join(c.Withheld, ", "))
		case c.Intact:
			fmt.Fprintf(w, "  Content:   unchanged since this review\n")
		default:
			fmt.Fprintf(w, "  Content:   CHANGED since this review: %s\n", c.Reason)
		}
		switch {
		case !c.ChainChecked:
			fmt.Fprintf(w, "  Chain:     not recorded (a review made by an earlier reflect does not list the reviews before it)\n")
		case c.Chain != "":
			fmt.Fprintf(w, "  Chain:     BROKEN: %s\n", c.Chain)
		case c.Index == 0:
			fmt.Fprintf(w, "  Chain:     the first review; none came before it\n")
		default:
			fmt.Fprintf(w, "  Chain:     follows the %d review(s) before it, as they were\n", c.Index)
		}
		switch c.Signature {
		case record.Unsigned:
			fmt.Fprintf(w, "  Signature: NOT SIGNED: anyone could have written this review\n")
		case record.SignatureInvalid:
			fmt.Fprintf(w, "  Signature: NOT VALID: %s\n", c.SigReason)
		case record.SignatureValid:
			if c.Trust == record.KeyTrusted {
				fmt.Fprintf(w, "  Signature: valid, by a trusted key: %s (%s)\n", c.TrustedAs, fingerprint(c.KeyID))
			} else {
				fmt.Fprintf(w, "  Signature: valid, but KEY NOT TRUSTED: key %s is not in your trusted keys, so nothing shows who made it\n", fingerprint(c.KeyID))
			}
		}
		if c.Signature == record.SignatureValid && c.Trust == record.KeyTrusted && !namesAgree(c.TrustedAs, rev.Reviewer.Name) {
			fmt.Fprintf(w, "  Note:      the review names %s; the key is trusted as %s\n", rev.Reviewer.Name, c.TrustedAs)
		}
		fmt.Fprintf(w, "  Verdict:   %s\n", c.Verdict().Words())
	}
	for _, m := range v.Missing {
		fmt.Fprintf(w, "\nMissing:   no review in this record has the fingerprint %s: a review you expected was removed, or changed after it was made\n", record.ShortFingerprint(m))
	}
	fmt.Fprintln(w)
	switch v.Verdict() {
	case record.VerdictTrusted:
		what := "what the practitioner wrote is exactly what was reviewed"
		if len(v.Withheld) > 0 {
			what = "everything shown is exactly what was reviewed (" + strings.Join(v.Withheld, " and ") + " withheld from this copy)"
		}
		fmt.Fprintf(w, "Trusted: %s, the figures are those the answers give, and every review is signed by a key you trust. (A file alone cannot show that no review was removed from the end; see --review.)\n", what)
	case record.VerdictUntrusted:
		fmt.Fprintln(w, "Signed, key not trusted: the record is unchanged since its reviews, but a review is signed with a key you have not trusted, so nothing shows who signed it. Check the key's fingerprint with the reviewer, then 'reflect keys trust FILE.pub' (or pass it with --key).")
	case record.VerdictUnsigned:
		fmt.Fprintln(w, "Not signed: the record is unchanged since its reviews, but a review is not signed, so anyone could have written it. Ask the reviewer to sign their review ('reflect review --sign').")
	case record.VerdictChanged:
		fmt.Fprintln(w, "Changed since review: the record, its figures or its reviews have been altered after a review, so a review does not cover this version. Ask for the copy that was reviewed, or review this version again.")
	case record.VerdictBadSignature:
		fmt.Fprintln(w, "Bad signature: do not rely on the review(s) marked above. The review was altered after signing, or the signature is damaged. Ask the reviewer to confirm.")
	}
	return nil
}

// namesAgree reports whether a trusted key's name (with its source after
// a comma) starts with the reviewer's name, ignoring case and spacing.
func namesAgree(trustedAs, reviewer string) bool {
	norm := func(s string) string { return strings.ToLower(strings.Join(strings.Fields(s), " ")) }
	return reviewer == "" || strings.HasPrefix(norm(trustedAs), norm(reviewer))
}

type jsonReview struct {
	Index           int      `json:"index"`
	Reviewer        string   `json:"reviewer"`
	Date            string   `json:"date"`
	Fingerprint     string   `json:"fingerprint"`
	Verdict         string   `json:"verdict"`
	Content         string   `json:"content"` // intact | changed
	Reason          string   `json:"reason,omitempty"`
	Changed         []string `json:"changed_sections,omitempty"`
	Withheld        []string `json:"withheld_sections,omitempty"`
	Chain           string   `json:"chain"` // intact | broken | not-recorded
	ChainReason     string   `json:"chain_reason,omitempty"`
	Signature       string   `json:"signature"` // valid | invalid | unsigned
	SignatureReason string   `json:"signature_reason,omitempty"`
	KeyID           string   `json:"key_id,omitempty"`
	Key             string   `json:"key"` // trusted | not-trusted | not-checked
	TrustedAs       string   `json:"trusted_as,omitempty"`
}

type jsonFigures struct {
	Status   string `json:"status"` // right | wrong | not-checked
	Path     string `json:"path,omitempty"`
	Stored   string `json:"stored,omitempty"`
	Computed string `json:"computed,omitempty"`
}

func verdictName(v record.Verdict) string {
	switch v {
	case record.VerdictTrusted:
		return "trusted"
	case record.VerdictUntrusted:
		return "untrusted"
	case record.VerdictUnsigned:
		return "unsigned"
	case record.VerdictChanged:
		return "changed"
	}
	return "bad-signature"
}

func writeJSON(w io.Writer, path string, r *record.Record, v record.Verification, l *supervise.Loaded) error {
	out := struct {
		File     string       `json:"file"`
		Record   string       `json:"record"`
		Digest   string       `json:"digest,omitempty"`
		Verdict  string       `json:"verdict"`
		Words    string       `json:"words"`
		Exit     int          `json:"exit_code"`
		Figures  jsonFigures  `json:"figures"`
		Withheld []string     `json:"withheld_sections,omitempty"`
		Missing  []string     `json:"missing_reviews,omitempty"`
		Reviews  []jsonReview `json:"reviews"`
	}{File: path, Record: r.ID, Digest: v.CurrentDigest, Verdict: verdictName(v.Verdict()), Words: v.Verdict().Words(),
		Exit: exitCode(v.Verdict()), Withheld: v.Withheld, Missing: v.Missing, Figures: jsonFigures{Status: "right"}}
	if l.Stored != nil {
		out.Figures = jsonFigures{Status: "wrong", Path: l.Stored.Path, Stored: l.Stored.Stored, Computed: l.Stored.Computed}
		if len(l.Derived.Mismatch) > 0 {
			out.Figures.Status = "not-checked"
		}
	}
	for _, c := range v.Checks {
		jr := jsonReview{Index: c.Index + 1, Reviewer: reviewerLine(c.Review), Date: c.Review.Date, Fingerprint: c.Fingerprint,
			Verdict: verdictName(c.Verdict()), Content: "intact", Reason: c.Reason, Changed: c.Changed, Withheld: c.Withheld,
			Chain: "intact", ChainReason: c.Chain, Signature: c.Signature.String(), SignatureReason: c.SigReason, KeyID: c.KeyID, Key: "not-checked", TrustedAs: c.TrustedAs}
		if !c.Intact {
			jr.Content = "changed"
		}
		switch {
		case !c.ChainChecked:
			jr.Chain = "not-recorded"
		case c.Chain != "":
			jr.Chain = "broken"
		}
		switch c.Trust {
		case record.KeyTrusted:
			jr.Key = "trusted"
		case record.KeyNotTrusted:
			jr.Key = "not-trusted"
		}
		out.Reviews = append(out.Reviews, jr)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}
