package record_test

import (
	// The rule for complete lives in internal/cpd, which installs it.
	"bytes"
	_ "github.com/reflect-cpd/reflect/internal/cpd"
	"strconv"
	"strings"
	"testing"

	"github.com/reflect-cpd/reflect/internal/record"
	"github.com/reflect-cpd/reflect/internal/recordtest"
)

func marshalled(t *testing.T, r *record.Record) []byte {
	t.Helper()
	b, err := record.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestReadChecksAnswersAgainstTheScale(t *testing.T) {
	set := recordtest.Mini(t)
	good := marshalled(t, miniRecord(t))
	tests := []struct {
		name, old, new string
		want           string // "file:line:col: message" start
	}{
		{"rating above the scale", `"rating": 2`, `"rating": 99`, `the rating 99 of MINI.1.1.2 is not on the scale (1 Not yet, 2 Developing, 3 Competent)`},
		{"rating below the scale", `"rating": 2`, `"rating": -1`, `the rating -1 of MINI.1.1.2 is not on the scale`},
		{"unknown N/A reason", `"rating": 2`, `"na": true, "na_reason": "too-busy"`, `the N/A reason "too-busy" of MINI.1.1.2 is not one of the scale's (not-my-role, not-encountered)`},
		{"N/A with a rating", `"rating": 2`, `"rating": 2, "na": true, "na_reason": "not-my-role"`, `MINI.1.1.2 has both a rating and N/A`},
		{"unknown competence", `"code": "MINI.1.1.2"`, `"code": "MINI.1.1.9"`, `"MINI.1.1.9" is not a competence assessed in this record`},
		{"answered twice", `"code": "MINI.1.1.2"`, `"code": "MINI.1.1.1"`, `MINI.1.1.1 is answered twice`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if !bytes.Contains(good, []byte(tc.old)) {
				t.Fatalf("fixture lacks %s", tc.old)
			}
			data := bytes.Replace(good, []byte(tc.old), []byte(tc.new), 1)
			_, _, err := record.Read("r.json", data, set)
			if err == nil {
				t.Fatal("accepted")
			}
			msg := err.Error()
			if !strings.Contains(msg, tc.want) {
				t.Errorf("error %q lacks %q", msg, tc.want)
			}
			// It points at the value, by line and column (the second of
			// two answers to the same competence).
			off := bytes.LastIndex(data, []byte(tc.new))
			line := bytes.Count(data[:off], []byte("\n")) + 1
			if !strings.HasPrefix(msg, "r.json:"+strconv.Itoa(line)+":") {
				t.Errorf("error %q is not at line %d", msg, line)
			}
		})
	}
}

func TestDecodeRefusesUnknownStatus(t *testing.T) {
	data := bytes.Replace(marshalled(t, miniRecord(t)), []byte(`"status": "complete"`), []byte(`"status": "signed-off"`), 1)
	_, err := record.Decode("r.json", data)
	if err == nil || !strings.Contains(err.Error(), `r.json:5:13: the status "signed-off" is not one reflect knows`) {
		t.Fatalf("err = %v", err)
	}
}

func TestStoredFiguresAreRecomputed(t *testing.T) {
	set := recordtest.Mini(t)
	r := miniRecord(t)
	d, err := record.Recompute(r, set)
	if err != nil {
		t.Fatal(err)
	}
	if diff := r.CompareFigures(d); diff != nil {
		t.Fatalf("a record reflect wrote has wrong figures: %v", diff)
	}
	// The walk-through: mean raised, every area at the top, needs emptied.
	r.Scores.Overall.Mean = 3.9
	for i := range r.Scores.Areas {
		r.Scores.Areas[i].Mean = 3
	}
	r.Scores.Needs = nil
	diff := r.CompareFigures(d)
	if diff == nil || diff.Path != "scores.overall.mean" || diff.Stored != "3.9" || diff.Computed != "2.2" {
		t.Fatalf("first difference = %+v, want scores.overall.mean 3.9 against 2.2", diff)
	}
	r.UseDerived(d)
	if r.Scores.Overall.Mean != 2.2 || len(r.Scores.Needs) == 0 {
		t.Errorf("UseDerived left the stored figures: %+v", r.Scores.Overall)
	}

	// Complete, but the anonymisation check not confirmed.
	r = miniRecord(t)
	r.Anonymisation.Confirmed = false
	d, _ = record.Recompute(r, set)
	if diff := r.CompareFigures(d); diff == nil || diff.Path != "status" {
		t.Fatalf("status difference = %+v", diff)
	}
	r.UseDerived(d)
	if r.Status != record.StatusInProgress {
		t.Errorf("status %q after UseDerived", r.Status)
	}

	// A need's area named by code in the path.
	r = miniRecord(t)
	d, _ = record.Recompute(r, set)
	r.Scores.Areas[1].Level = 3
	if diff := r.CompareFigures(d); diff == nil || !strings.HasPrefix(diff.Path, "scores.areas[MINI.") || !strings.HasSuffix(diff.Path, "].level") {
		t.Fatalf("area difference = %+v", diff)
	}
}

func TestRecomputeNeedsTheFramework(t *testing.T) {
	_, err := record.Recompute(miniRecord(t), recordtest.LoadSet(t))
	var nl *record.NotLoadedError
	if err == nil || !strings.Contains(err.Error(), `framework "mini", which is not loaded`) || !asNotLoaded(err, &nl) {
		t.Fatalf("err = %v", err)
	}
}

func asNotLoaded(err error, target **record.NotLoadedError) bool {
	e, ok := err.(*record.NotLoadedError)
	if ok {
		*target = e
	}
	return ok
}
