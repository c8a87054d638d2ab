package record_test

import (
	"bytes"
	"crypto/ed25519"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/reflect-cpd/reflect/internal/assessment"
	"github.com/reflect-cpd/reflect/internal/record"
	"github.com/reflect-cpd/reflect/internal/recordtest"
)

var now = time.Date(2026, 3, 14, 10, 30, 0, 0, time.UTC)

func miniRecord(t testing.TB) *record.Record {
	t.Helper()
	set := recordtest.Mini(t)
	return recordtest.Build(t, set, recordtest.Spec{
		ID:     "r-00000000000000aa",
		Scopes: []assessment.Scope{{Framework: "mini", Profile: "specialist"}},
		Rate: recordtest.ByCode(map[string]int{
			"MINI.1.1.1": 3, "MINI.1.1.2": 2, "MINI.1.2.1": 1, "MINI.2.1.1": 2, "MINI.2.1.2": 3,
		}),
		Practitioner: record.Practitioner{Name: "Alex Example", Profession: "Nurse"},
		Reflection:   []string{"I noticed I avoid asking directly.", "It matters because people feel heard.", "I will practise with my supervisor."},
		Plan: []record.Goal{{ID: "g1", Objective: "Ask directly and calmly about suicide", Competences: []string{"MINI.2.1.1"},
			TargetDate: "2026-06-30", Status: record.GoalPlanned}},
		Complete: true,
	})
}

func key(t *testing.T, seed byte) ed25519.PrivateKey {
	t.Helper()
	return ed25519.NewKeyFromSeed(bytes.Repeat([]byte{seed}, ed25519.SeedSize))
}

func TestCanonical(t *testing.T) {
	type inner struct {
		Z string  `json:"z"`
		A float64 `json:"a"`
	}
	v := struct {
		B     string   `json:"b"`
		A     []inner  `json:"a"`
		Empty []string `json:"empty"`
		F     bool     `json:"f"`
		N     *int     `json:"n"`
		H     string   `json:"h"`
		O     inner    `json:"o"`
	}{B: "x", A: []inner{{Z: "1", A: 1.5}, {}}, H: "<&> \u00e9"}
	got, err := record.Canonical(v)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"a":[{"a":1.5,"z":"1"},{}],"b":"x","h":"<&> é"}`
	if string(got) != want {
		t.Errorf("Canonical =\n %s\nwant\n %s", got, want)
	}
}

func TestDigestCoversPractitionerContentOnly(t *testing.T) {
	r := miniRecord(t)
	d0, err := r.ContentDigest()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(d0, "sha256:") || len(d0) != len("sha256:")+64 {
		t.Fatalf("digest %q is not sha256:<64 hex>", d0)
	}
	same := []struct {
		name   string
		change func(r *record.Record)
	}{
		{"updated time", func(r *record.Record) { r.Updated = r.Updated.Add(time.Hour) }},
		{"tool version", func(r *record.Record) { r.Tool.Version = "v9" }},
		{"a review", func(r *record.Record) { r.Reviews = append(r.Reviews, record.Review{Comments: "x"}) }},
		{"json round trip", func(r *record.Record) {
			b, err := record.Marshal(r)
			if err != nil {
				t.Fatal(err)
			}
			r2, err := record.Decode("r.json", b)
			if err != nil {
				t.Fatal(err)
			}
			*r = *r2
		}},
	}
	for _, tc := range same {
		t.Run("same/"+tc.name, func(t *testing.T) {
			r := miniRecord(t)
			tc.change(r)
			if d, _ := r.ContentDigest(); d != d0 {
				t.Errorf("digest changed after %s", tc.name)
			}
		})
	}
	changed := []struct {
		name   string
		change func(r *record.Record)
	}{
		{"one character of a reflection", func(r *record.Record) {
			r.Reflection.Sections[0].Text = strings.Replace(r.Reflection.Sections[0].Text, "avoid", "avoie", 1)
		}},
		{"a rating", func(r *record.Record) { r.Answers[0].Rating = 1 }},
		{"a goal", func(r *record.Record) { r.Plan[0].TargetDate = "2026-07-01" }},
		{"the practitioner", func(r *record.Record) { r.Practitioner.Name = "Alex Exampel" }},
		{"the benefit", func(r *record.Record) { r.Benefit = "People feel heard." }},
		{"the framework digest", func(r *record.Record) { r.Frameworks[0].Digest = "00" }},
	}
	for _, tc := range changed {
		t.Run("changed/"+tc.name, func(t *testing.T) {
			r := miniRecord(t)
			tc.change(r)
			if d, _ := r.ContentDigest(); d == d0 {
				t.Errorf("digest did not change after %s", tc.name)
			}
		})
	}
}

func review(t *testing.T, r *record.Record, in record.Review, priv ed25519.PrivateKey) record.Review {
	t.Helper()
	rev, err := r.NewReview(in, now)
	if err != nil {
		t.Fatal(err)
	}
	if priv != nil {
		if err := record.Sign(&rev, priv); err != nil {
			t.Fatal(err)
		}
	}
	r.AppendReview(rev, now, record.Tool{Name: "reflect", Version: "test"})
	return rev
}

var sam = record.Review{Reviewer: record.Reviewer{Name: "Sam Patel", Role: "Clinical supervisor"}, Date: "2026-03-14",
	Comments: "A thoughtful reflection.", PlanAgreed: true,
	NeedComments: []record.NeedComment{{Code: "MINI.1.2.1", Comment: "Let's look at the information-sharing guidance together."}}}

func TestSignOffThenVerify(t *testing.T) {
	alice, mallory := key(t, 1), key(t, 2)
	alicePub := alice.Public().(ed25519.PublicKey)
	malloryPub := mallory.Public().(ed25519.PublicKey)
	trust := func(keys ...ed25519.PublicKey) []record.TrustedKey {
		var out []record.TrustedKey
		for i, k := range keys {
			out = append(out, record.TrustedKey{Name: fmt.Sprintf("key %d", i+1), Key: k})
		}
		return out
	}
	tests := []struct {
		name    string
		sign    ed25519.PrivateKey
		tamper  func(r *record.Record)
		trusted []record.TrustedKey
		want    record.Verdict
		sig     record.SignatureState
		trust   record.SignatureTrust
		intact  bool
	}{
		{name: "unsigned, untouched", want: record.VerdictUnsigned, sig: record.Unsigned, intact: true},
		{name: "signed, no key trusted", sign: alice, want: record.VerdictUntrusted, sig: record.SignatureValid, trust: record.KeyNotTrusted, intact: true},
		{name: "signed, key trusted", sign: alice, trusted: trust(alicePub), want: record.VerdictTrusted, sig: record.SignatureValid, trust: record.KeyTrusted, intact: true},
		{name: "signed, one of several keys", sign: alice, trusted: trust(malloryPub, alicePub), want: record.VerdictTrusted, sig: record.SignatureValid, trust: record.KeyTrusted, intact: true},
		{name: "signed, another key trusted", sign: alice, trusted: trust(malloryPub), want: record.VerdictUntrusted, sig: record.SignatureValid, trust: record.KeyNotTrusted, intact: true},
		{name: "unsigned, a key trusted", trusted: trust(alicePub), want: record.VerdictUnsigned, sig: record.Unsigned, intact: true},
		{name: "reflection changed by one character", sign: alice, trusted: trust(alicePub),
			tamper: func(r *record.Record) { r.Reflection.Sections[1].Text += "!" },
			want:   record.VerdictChanged, sig: record.SignatureValid, trust: record.KeyTrusted, intact: false},
		{name: "unsigned, reflection changed", tamper: func(r *record.Record) { r.Reflection.Sections[1].Text = "x" + r.Reflection.Sections[1].Text[1:] },
			want: record.VerdictChanged, sig: record.Unsigned},
		{name: "review comment changed after signing", sign: alice, trusted: trust(alicePub),
			tamper: func(r *record.Record) { r.Reviews[0].Comments = "Excellent; fully competent." },
			want:   record.VerdictBadSignature, sig: record.SignatureInvalid, intact: true},
		{name: "section digest replaced to match new content", sign: alice, trusted: trust(alicePub),
			tamper: func(r *record.Record) {
				r.Reflection.Sections[0].Text = "Rewritten."
				list, err := r.SectionDigests()
				if err != nil {
					t.Fatal(err)
				}
				r.Reviews[0].Sections = list
			},
			want: record.VerdictBadSignature, sig: record.SignatureInvalid, intact: false},
		{name: "signature swapped for another key's", sign: alice,
			tamper: func(r *record.Record) {
				r.Reviews[0].Signature.PublicKey = record.FormatPublicKey(malloryPub)[len("reflect-ed25519 "):]
			},
			want: record.VerdictBadSignature, sig: record.SignatureInvalid, intact: true},
		{name: "damaged signature value", sign: alice,
			tamper: func(r *record.Record) { r.Reviews[0].Signature.Value = "AAAA" },
			want:   record.VerdictBadSignature, sig: record.SignatureInvalid, intact: true},
		{name: "unknown algorithm", sign: alice,
			tamper: func(r *record.Record) { r.Reviews[0].Signature.Algorithm = "rsa" },
			want:   record.VerdictBadSignature, sig: record.SignatureInvalid, intact: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := miniRecord(t)
			review(t, r, sam, tc.sign)
			// Through the file format, as a supervisor would receive it.
			b, err := record.Marshal(r)
			if err != nil {
				t.Fatal(err)
			}
			r, err = record.Decode("r.json", b)
			if err != nil {
				t.Fatal(err)
			}
			if tc.tamper != nil {
				tc.tamper(r)
			}
			v, err := record.Verify(r, record.VerifyOptions{Trusted: tc.trusted})
			if err != nil {
				t.Fatal(err)
			}
			if got := v.Verdict(); got != tc.want {
				t.Errorf("verdict = %d (%s), want %d (%s) (%+v)", got, got.Words(), tc.want, tc.want.Words(), v.Checks)
			}
			c := v.Checks[0]
			if c.Signature != tc.sig || c.Trust != tc.trust || c.Intact != tc.intact {
				t.Errorf("check = sig %v trust %v intact %v, want sig %v trust %v intact %v (%s %s)", c.Signature, c.Trust, c.Intact, tc.sig, tc.trust, tc.intact, c.Reason, c.SigReason)
			}
		})
	}
}

func TestSecondReviewKeepsFirstIntact(t *testing.T) {
	r := miniRecord(t)
	k := key(t, 1)
	review(t, r, sam, k)
	second := sam
	second.Reviewer.Name = "Jo Lead"
	review(t, r, second, k)
	v, _ := record.Verify(r, record.VerifyOptions{Trusted: []record.TrustedKey{{Name: "Sam", Key: k.Public().(ed25519.PublicKey)}}})
	if v.Verdict() != record.VerdictTrusted || len(v.Checks) != 2 {
		t.Fatalf("two reviews: verdict %d, %d checks", v.Verdict(), len(v.Checks))
	}
	fp0, _ := r.Reviews[0].Fingerprint()
	if len(r.Reviews[1].Previous) != 1 || r.Reviews[1].Previous[0] != fp0 {
		t.Fatalf("the second review does not chain to the first: %v, want [%s]", r.Reviews[1].Previous, fp0)
	}
}

func TestNewReviewValidation(t *testing.T) {
	tests := []struct {
		name string
		edit func(*record.Review)
		want string // "" means valid
	}{
		{"valid", func(*record.Review) {}, ""},
		{"no name", func(r *record.Review) { r.Reviewer.Name = "  " }, "name is missing"},
		{"bad date", func(r *record.Review) { r.Date = "14/03/2026" }, "YYYY-MM-DD"},
		{"future date", func(r *record.Review) { r.Date = "2027-01-01" }, "in the future"},
		{"two-line role", func(r *record.Review) { r.Reviewer.Role = "a\nb" }, "one line"},
		{"unknown need", func(r *record.Review) { r.NeedComments = []record.NeedComment{{Code: "MINI.9.9.9", Comment: "x"}} }, "MINI.9.9.9 is not"},
		{"duplicate need", func(r *record.Review) {
			r.NeedComments = []record.NeedComment{{Code: "MINI.1.2.1", Comment: "x"}, {Code: "MINI.1.2.1", Comment: "y"}}
		}, "two comments"},
		{"amended but not agreed", func(r *record.Review) {
			r.PlanAgreed = false
			r.AgreedPlan = []record.Goal{{Objective: "x"}}
		}, "not marked as agreed"},
		{"goal without objective", func(r *record.Review) { r.AgreedPlan = []record.Goal{{TargetDate: "2026-05-01"}} }, "no objective"},
		{"goal bad status", func(r *record.Review) { r.AgreedPlan = []record.Goal{{Objective: "x", Status: "done"}} }, "status"},
		{"huge comment", func(r *record.Review) { r.Comments = strings.Repeat("a", 20001) }, "longer than"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := miniRecord(t)
			in := sam
			in.NeedComments = append([]record.NeedComment(nil), sam.NeedComments...)
			tc.edit(&in)
			rev, err := r.NewReview(in, now)
			if tc.want == "" {
				if err != nil {
					t.Fatal(err)
				}
				if rev.Statement != record.ReviewStatement || rev.At.IsZero() || !strings.HasPrefix(rev.Digest, "sha256:") {
					t.Errorf("review not completed: %+v", rev)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error = %v, want one containing %q", err, tc.want)
			}
		})
	}
}

func TestNewReviewDefaultsAndIDs(t *testing.T) {
	r := miniRecord(t)
	in := record.Review{Reviewer: record.Reviewer{Name: " Sam "}, PlanAgreed: true,
		AgreedPlan:   []record.Goal{{ID: "g1", Objective: "a"}, {ID: "g1", Objective: "b"}, {Objective: "c"}},
		NeedComments: []record.NeedComment{{Code: "MINI.1.2.1", Comment: "  "}}}
	rev, err := r.NewReview(in, now)
	if err != nil {
		t.Fatal(err)
	}
	if rev.Date != "2026-03-14" || rev.Reviewer.Name != "Sam" || len(rev.NeedComments) != 0 {
		t.Errorf("defaults: %+v", rev)
	}
	ids := map[string]bool{}
	for _, g := range rev.AgreedPlan {
		if ids[g.ID] || g.ID == "" {
			t.Errorf("goal ids not unique: %+v", rev.AgreedPlan)
		}
		ids[g.ID] = true
	}
	if rev.PlanDecision() != record.PlanAmend {
		t.Errorf("decision %q", rev.PlanDecision())
	}
}

func TestStatementDoesNotCertify(t *testing.T) {
	s := strings.ToLower(record.ReviewStatement)
	for _, want := range []string{"reviewed", "discussed", "does not certify"} {
		if !strings.Contains(s, want) {
			t.Errorf("statement lacks %q: %s", want, record.ReviewStatement)
		}
	}
}

func TestKeyFormats(t *testing.T) {
	priv := key(t, 7)
	pub := priv.Public().(ed25519.PublicKey)
	pemPriv, err := record.MarshalPrivateKey(priv)
	if err != nil {
		t.Fatal(err)
	}
	back, err := record.ParsePrivateKey(pemPriv)
	if err != nil || !back.Equal(priv) {
		t.Fatalf("private key round trip: %v", err)
	}
	line := record.FormatPublicKey(pub)
	for _, in := range []string{line, line + " Sam Patel\n", "  " + strings.Fields(line)[1] + "\n"} {
		got, err := record.ParsePublicKey([]byte(in))
		if err != nil || !got.Equal(pub) {
			t.Errorf("ParsePublicKey(%q) = %v", in, err)
		}
	}
	for _, bad := range []string{"", "reflect-ed25519", "hello world", "AAAA", string(pemPriv), "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n"} {
		if _, err := record.ParsePublicKey([]byte(bad)); err == nil {
			t.Errorf("ParsePublicKey(%q) accepted", bad)
		}
	}
	if _, err := record.ParsePrivateKey([]byte(line)); err == nil {
		t.Error("ParsePrivateKey accepted a public key")
	}
	if fp := record.Fingerprint(pub); len(fp) != 19 || record.KeyID(pub) != strings.ReplaceAll(fp, " ", "") {
		t.Errorf("fingerprint %q / key id %q", fp, record.KeyID(pub))
	}
}

func TestReviewFileExample(t *testing.T) {
	path := filepath.Join(recordtest.Root(t), "testdata", "review-example.yaml")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	rev, info, err := record.ParseReviewFile("review-example.yaml", data)
	if err != nil {
		t.Fatal(err)
	}
	confirm := info.Confirm
	if !confirm || rev.Reviewer.Name == "" || rev.PlanDecision() != record.PlanAmend || len(rev.NeedComments) == 0 {
		t.Errorf("example decoded as %+v (confirm %v)", rev, confirm)
	}
	// It is written for the mini framework's fixture record.
	r := miniRecord(t)
	if _, err := r.NewReview(rev, now); err != nil {
		t.Errorf("the example does not fit the fixture record: %v", err)
	}
}

func TestReviewFileProblems(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"empty", "", "empty"},
		{"unknown field", "reviewer: {name: A}\nplan: agree\nsigned: yes\n", "r.yaml:3:1: unknown field \"signed\""},
		{"misspelt field", "reviewer: {name: A}\nplan: agree\ncomment: hi\n", "did you mean \"comments\""},
		{"no reviewer", "plan: agree\n", "missing required field \"reviewer\""},
		{"no name", "reviewer: {role: B}\nplan: agree\n", "missing required field \"name\""},
		{"bad plan", "reviewer: {name: A}\nplan: agreed\n", "r.yaml:2:1: plan \"agreed\" is not one of"},
		{"amend without plan", "reviewer: {name: A}\nplan: amend\n", "no amended_plan"},
		{"plan without amend", "reviewer: {name: A}\nplan: agree\namended_plan:\n  - objective: x\n", "r.yaml:3:1: amended_plan is given"},
		{"confirm not bool", "reviewer: {name: A}\nplan: agree\nconfirm: yes please\n", "true or false"},
		{"needs as mapping", "reviewer: {name: A}\nplan: agree\nneeds: {MINI.1: x}\n", "expected a list"},
		{"need without comment", "reviewer: {name: A}\nplan: agree\nneeds:\n  - code: MINI.1.1.1\n", "r.yaml:4:5: missing required field \"comment\""},
		{"not a mapping", "- a\n- b\n", "expected a mapping"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := record.ParseReviewFile("r.yaml", []byte(tc.in))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error = %v, want one containing %q", err, tc.want)
			}
		})
	}
}

func FuzzParseReviewFile(f *testing.F) {
	seeds, _ := filepath.Glob(filepath.Join("testdata", "reviewfile", "*.yaml"))
	for _, s := range seeds {
		if b, err := os.ReadFile(s); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte("reviewer: {name: A}\nplan: agree\n"))
	f.Add([]byte("reviewer: {name: A}\nplan: amend\nconfirm_anonymised: true\nneeds: [{code: MINI.1.2.1, comment: x}, {code: NOPE, comment: y}]\namended_plan:\n  - objective: x\n    competences: [ADU.2.2.9, NOPE, a stray line]\n    resources: [NOPE, mini-readin]\n    status: done\n    target_date: soon\n"))
	set := recordtest.Mini(f)
	r := miniRecord(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		rev, info, err := record.ParseReviewFile("fuzz.yaml", data)
		if err != nil {
			if err.Error() == "" {
				t.Fatal("empty error")
			}
			return
		}
		if rev.Reviewer.Name == "" {
			t.Fatal("accepted a review without a name")
		}
		// Every problem the record finds is placed in the file.
		_, probs := r.CheckReview(rev, now, set)
		located := info.Locate(probs)
		if len(located) != len(probs) {
			t.Fatalf("%d problems, %d located", len(probs), len(located))
		}
		for _, p := range located {
			if p.Line == 0 {
				t.Fatalf("problem without a line: %v", p)
			}
		}
	})
}

// The same sign-off and verification on records made with each shipped
// framework.
func TestSignOffWithShippedFrameworks(t *testing.T) {
	set := recordtest.Embedded()
	if set == nil {
		t.Fatal("the shipped frameworks did not load")
	}
	for _, f := range set.Frameworks() {
		t.Run(f.ID, func(t *testing.T) {
			sc := assessment.Scope{Framework: f.ID}
			if len(f.Profiles) > 0 {
				sc.Profile = f.Profiles[0].ID
			}
			top := f.EffectiveScale().Max()
			r := recordtest.Build(t, set, recordtest.Spec{Scopes: []assessment.Scope{sc},
				Rate:       func(i int, _ string) int { return 1 + i%top },
				Reflection: []string{"What I noticed.", "Why it matters.", "What I will do."}, Complete: true})
			if r.Scores == nil || len(r.Scores.Needs) == 0 {
				t.Fatalf("%s: no needs to comment on", f.ID)
			}
			in := record.Review{Reviewer: record.Reviewer{Name: "Sam"}, PlanAgreed: true,
				NeedComments: []record.NeedComment{{Code: r.Scores.Needs[0].Code, Comment: "Discussed."}}}
			review(t, r, in, key(t, 9))
			b, _ := record.Marshal(r)
			r, err := record.Decode("r.json", b)
			if err != nil {
				t.Fatal(err)
			}
			if v, _ := record.Verify(r, record.VerifyOptions{Trusted: []record.TrustedKey{{Key: key(t, 9).Public().(ed25519.PublicKey)}}}); v.Verdict() != record.VerdictTrusted {
				t.Fatalf("verdict %d", v.Verdict())
			}
			r.Reflection.Sections[2].Text = "What I will do!"
			if v, _ := record.Verify(r, record.VerifyOptions{}); v.Verdict() != record.VerdictChanged {
				t.Fatalf("one character: verdict %d", v.Verdict())
			}
		})
	}
}
