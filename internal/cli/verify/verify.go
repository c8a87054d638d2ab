// Package verify implements `reflect verify`: is a record unchanged since
// each review, and is each signature valid?
package verify

import (
	"crypto/ed25519"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/reflect-cpd/reflect/internal/cli/cmdutil"
	"github.com/reflect-cpd/reflect/internal/cli/supervise"
	"github.com/reflect-cpd/reflect/internal/keystore"
	"github.com/reflect-cpd/reflect/internal/record"
)

type options struct {
	keys   []string
	format string
}

// NewCmd returns the `verify` command.
func NewCmd(deps *cmdutil.Deps) *cobra.Command {
	opts := &options{}
	cmd := &cobra.Command{
		Use:   "verify RECORD.json",
		Short: "Check that a reviewed record is unchanged and its signatures are valid",
		Long: `Check every review of a record:

  content    is what the practitioner wrote exactly what the reviewer saw?
             (the review holds a SHA-256 digest of it)
  signature  when the review is signed, is the signature valid?
  key        with --key, was it signed with that reviewer's key?

Exit status:
  0  intact: unchanged since every review, and every signature valid
  4  changed: something the practitioner wrote changed after a review
  5  bad signature: a signature is invalid, or (with --key) a review is not
     signed with the key given
  1  the record could not be read, or has no review to check

A bad signature outranks a change. An unsigned review can show that the
content is unchanged, but not who wrote the review: for that, ask the
reviewer for their public key and pass it with --key.`,
		Example: `  reflect verify alex-cpd-reviewed.json
  reflect verify alex-cpd-reviewed.json --key sam-review-key.pub
  reflect verify alex-cpd-reviewed.json --format json`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return run(deps, opts, args[0])
		},
	}
	cmd.Flags().StringArrayVar(&opts.keys, "key", nil, "a reviewer's public key: a file (review-key.pub) or the key line; repeat for several")
	cmd.Flags().StringVarP(&opts.format, "format", "f", "text", "output format: text or json")
	_ = cmd.RegisterFlagCompletionFunc("format", cobra.FixedCompletions([]string{"text", "json"}, cobra.ShellCompDirectiveNoFileComp))
	return cmd
}

func run(deps *cmdutil.Deps, opts *options, path string) error {
	if opts.format != "text" && opts.format != "json" {
		return cmdutil.Usagef("unknown format %q: use text or json", opts.format)
	}
	var trusted []ed25519.PublicKey
	for _, k := range opts.keys {
		pub, err := keystore.ReadPublicKey(k)
		if err != nil {
			return cmdutil.Usagef("%v", err)
		}
		trusted = append(trusted, pub)
	}
	r, err := supervise.ReadRecord(path)
	if err != nil {
		return err
	}
	if len(r.Reviews) == 0 {
		return fmt.Errorf("%s has not been reviewed, so there is nothing to verify; a supervisor adds a review with 'reflect review %s'", path, path)
	}
	v, err := record.Verify(r, trusted)
	if err != nil {
		return err
	}
	if opts.format == "json" {
		err = writeJSON(deps.IO.Out, path, r, v, len(trusted) > 0)
	} else {
		err = writeText(deps.IO.Out, path, r, v, len(trusted) > 0)
	}
	if err != nil {
		return err
	}
	switch v.Verdict() {
	case record.VerdictChanged:
		return cmdutil.Silent(cmdutil.ExitChanged)
	case record.VerdictBadSignature:
		return cmdutil.Silent(cmdutil.ExitBadSignature)
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

func writeText(w io.Writer, path string, r *record.Record, v record.Verification, keyGiven bool) error {
	fmt.Fprintf(w, "Record %s (%s)\n", path, r.ID)
	for _, c := range v.Checks {
		rev := c.Review
		fmt.Fprintf(w, "\nReview %d of %d: %s, %s\n", c.Index+1, len(v.Checks), reviewerLine(rev), rev.Date)
		if c.Intact {
			fmt.Fprintf(w, "  Content:   unchanged since this review\n")
		} else {
			fmt.Fprintf(w, "  Content:   CHANGED since this review (%s)\n", c.Reason)
		}
		switch c.Signature {
		case record.Unsigned:
			fmt.Fprintf(w, "  Signature: none (the review is not signed, so who wrote it cannot be checked)\n")
		case record.SignatureValid:
			fmt.Fprintf(w, "  Signature: valid, made with key %s\n", fingerprint(c.KeyID))
		case record.SignatureInvalid:
			fmt.Fprintf(w, "  Signature: INVALID: %s\n", c.SigReason)
		}
		if keyGiven {
			switch {
			case c.Key == record.KeyMatches:
				fmt.Fprintf(w, "  Key:       matches the key you gave\n")
			case c.Signature == record.Unsigned:
				fmt.Fprintf(w, "  Key:       DOES NOT MATCH: the review is not signed, so it cannot be shown to come from the key you gave\n")
			case c.Signature == record.SignatureInvalid:
				fmt.Fprintf(w, "  Key:       not checked, because the signature is invalid\n")
			default:
				fmt.Fprintf(w, "  Key:       DOES NOT MATCH: it was signed with a different key from the one you gave\n")
			}
		}
	}
	fmt.Fprintln(w)
	switch v.Verdict() {
	case record.VerdictIntact:
		msg := "Intact: what the practitioner wrote is exactly what was reviewed"
		switch {
		case keyGiven:
			msg += ", and every review is signed with a key you gave."
		case allSigned(v):
			msg += ", and every signature is valid. To check who signed, pass the reviewer's public key with --key."
		default:
			msg += "."
		}
		fmt.Fprintln(w, msg)
	case record.VerdictChanged:
		fmt.Fprintln(w, "Changed since review: the record has been altered after it was reviewed, so a review does not cover this version. Ask for the copy that was reviewed, or review this version again.")
	case record.VerdictBadSignature:
		fmt.Fprintln(w, "Bad signature: do not rely on the review(s) marked above. The review was altered after signing, was not signed by the key you gave, or the signature is damaged. Ask the reviewer to confirm.")
	}
	return nil
}

func allSigned(v record.Verification) bool {
	for _, c := range v.Checks {
		if c.Signature != record.SignatureValid {
			return false
		}
	}
	return true
}

type jsonReview struct {
	Index           int    `json:"index"`
	Reviewer        string `json:"reviewer"`
	Date            string `json:"date"`
	Content         string `json:"content"` // intact | changed
	Reason          string `json:"reason,omitempty"`
	Signature       string `json:"signature"` // valid | invalid | unsigned
	SignatureReason string `json:"signature_reason,omitempty"`
	KeyID           string `json:"key_id,omitempty"`
	Key             string `json:"key"` // matches | differs | not-checked
}

func writeJSON(w io.Writer, path string, r *record.Record, v record.Verification, keyGiven bool) error {
	out := struct {
		File    string       `json:"file"`
		Record  string       `json:"record"`
		Digest  string       `json:"digest"`
		Verdict string       `json:"verdict"`
		Exit    int          `json:"exit_code"`
		Reviews []jsonReview `json:"reviews"`
	}{File: path, Record: r.ID, Digest: v.CurrentDigest}
	switch v.Verdict() {
	case record.VerdictIntact:
		out.Verdict, out.Exit = "intact", cmdutil.ExitOK
	case record.VerdictChanged:
		out.Verdict, out.Exit = "changed", cmdutil.ExitChanged
	default:
		out.Verdict, out.Exit = "bad-signature", cmdutil.ExitBadSignature
	}
	for _, c := range v.Checks {
		jr := jsonReview{Index: c.Index + 1, Reviewer: reviewerLine(c.Review), Date: c.Review.Date, Content: "intact", Reason: c.Reason,
			Signature: c.Signature.String(), SignatureReason: c.SigReason, KeyID: c.KeyID, Key: "not-checked"}
		if !c.Intact {
			jr.Content = "changed"
		}
		if keyGiven {
			jr.Key = map[record.KeyMatch]string{record.KeyMatches: "matches", record.KeyDiffers: "differs", record.NoKeyGiven: "not-checked"}[c.Key]
		}
		out.Reviews = append(out.Reviews, jr)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}
