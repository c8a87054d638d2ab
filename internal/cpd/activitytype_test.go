package cpd_test

import (
	"strings"
	"testing"

	. "github.com/reflect-cpd/reflect/internal/cpd"
	"github.com/reflect-cpd/reflect/internal/rules"
)

func TestRegulatorID(t *testing.T) {
	for in, want := range map[string]string{
		"NMC": "nmc", " nmc ": "nmc", "Nursing and Midwifery Council": "nmc", "NMC (nurse)": "nmc",
		"HCPC": "hcpc", "Health and Care Professions Council": "hcpc",
		"Social Work England": "swe", "SWE": "swe", "social  work england": "swe",
		"GMC": "gmc", "General Medical Council": "gmc",
		"": "", "none": "", "Social Care Wales": "", "NMCX": "", "GPhC": "",
	} {
		if got := RegulatorID(in); got != want {
			t.Errorf("RegulatorID(%q) = %q, want %q", in, got, want)
		}
	}
}

func stepIDs(f *Flow) string {
	var ids []string
	for _, s := range f.Steps() {
		ids = append(ids, s.ID)
	}
	return strings.Join(ids, " ")
}

// The type step comes after the activity when the regulator is one with
// rules, offers that regulator's list with the record's default first,
// and stores through the one check the answers file uses too.
func TestActivityTypeFromTheRegulatorsList(t *testing.T) {
	f, _ := newFlow(t)
	if strings.Contains(stepIDs(f), "activity-type") {
		t.Fatalf("a type step without a regulator: %s", stepIDs(f))
	}
	refused(t, f.Set(AddrActivityType, "course"), "reflect does not know your regulator")
	mustSet(t, f, "details.regulator", "Health and Care Professions Council")
	if !strings.Contains(stepIDs(f), "activity activity-type evidence") {
		t.Fatalf("the type step is not after the activity: %s", stepIDs(f))
	}
	set, err := rules.Shipped()
	if err != nil {
		t.Fatal(err)
	}
	hcpc := set.Get("hcpc")
	opts := f.Options(AddrActivityType)
	if len(opts) != len(hcpc.Types) || opts[0].Value != hcpc.RecordType || !strings.HasSuffix(opts[0].Label, "(suggested)") {
		t.Fatalf("options %+v", opts)
	}
	seen := map[string]bool{}
	for _, o := range opts {
		if hcpc.Type(o.Value) == nil || seen[o.Value] {
			t.Errorf("option %+v is not one of the HCPC's types, or is there twice", o)
		}
		seen[o.Value] = true
	}
	refused(t, f.Set(AddrActivityType, "course"), `"course" is not an activity type on the HCPC's list`)
	refused(t, f.Set(AddrActivityType, "formal-educatonal"), "did you mean formal-educational?")
	if f.Record().Activity.Type != "" {
		t.Fatalf("a refused type was stored: %q", f.Record().Activity.Type)
	}
	mustSet(t, f, AddrActivityType, " Formal-Educational ")
	if got := f.Get(AddrActivityType); got != "formal-educational" || !strings.HasPrefix(f.ActivityTypeTitle(), "Formal or educational") {
		t.Fatalf("stored %q (%q)", got, f.ActivityTypeTitle())
	}
	if f.StepOf(AddrActivityType) != "activity-type" || f.FieldName(AddrActivityType) != "the type of CPD activity" {
		t.Errorf("step %q, name %q", f.StepOf(AddrActivityType), f.FieldName(AddrActivityType))
	}
	// Social Work England's list is named without "the".
	mustSet(t, f, "details.regulator", "Social Work England")
	if st, ok := f.Step("activity-type"); !ok || !strings.Contains(st.Prompt, "on Social Work England's list") {
		t.Errorf("step %+v", st)
	}
	// A type kept from another regulator's list is not lost when the
	// regulator changes (the portfolio says how it counts).
	if f.Get(AddrActivityType) != "formal-educational" {
		t.Errorf("the type was dropped when the regulator changed")
	}
	mustSet(t, f, AddrActivityType, "")
	if f.Record().Activity.Type != "" {
		t.Errorf("an empty type does not clear it")
	}
}
