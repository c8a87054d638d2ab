package cpd

// Standard is a professional standard a record can be linked to.
type Standard struct {
	Scheme string
	ID     string
	Label  string
}

// Standard schemes.
const (
	SchemeNMC  = "nmc"
	SchemeGMC  = "gmc"
	SchemeHCPC = "hcpc"
	SchemeSWE  = "swe"
)

// Schemes lists the schemes in the order they are shown.
var Schemes = []string{SchemeNMC, SchemeGMC, SchemeHCPC, SchemeSWE}

// SchemeTitles names each scheme.
var SchemeTitles = map[string]string{
	SchemeNMC:  "NMC Code themes",
	SchemeGMC:  "GMC Good medical practice (2024) domains",
	SchemeHCPC: "HCPC standards for continuing professional development",
	SchemeSWE:  "Social Work England professional standards (standard 4)",
}

// Standards lists the standards offered, grouped by scheme in this order.
var Standards = []Standard{
	{SchemeNMC, "prioritise-people", "Prioritise people"},
	{SchemeNMC, "practise-effectively", "Practise effectively"},
	{SchemeNMC, "preserve-safety", "Preserve safety"},
	{SchemeNMC, "promote-professionalism", "Promote professionalism and trust"},
	{SchemeGMC, "domain-1", "Domain 1: Knowledge, skills and development"},
	{SchemeGMC, "domain-2", "Domain 2: Patients, partnership and communication"},
	{SchemeGMC, "domain-3", "Domain 3: Colleagues, culture and safety"},
	{SchemeGMC, "domain-4", "Domain 4: Trust and professionalism"},
	{SchemeHCPC, "1", "1: Keep a continuous, up-to-date and accurate record of CPD activities"},
	{SchemeHCPC, "2", "2: Demonstrate that CPD activities are a mixture of learning activities relevant to current or future practice"},
	{SchemeHCPC, "3", "3: Seek to ensure that CPD has contributed to the quality of practice and service delivery"},
	{SchemeHCPC, "4", "4: Seek to ensure that CPD benefits the service user"},
	{SchemeHCPC, "5", "5: Upon request, present a written profile explaining how standards for CPD have been met"},
	{SchemeSWE, "4.1", "4.1: Incorporate feedback from a range of sources, including from people with lived experience"},
	{SchemeSWE, "4.2", "4.2: Use supervision and feedback to critically reflect on, and identify learning needs"},
	{SchemeSWE, "4.3", "4.3: Keep my practice up to date and record how I use research, theories and frameworks"},
	{SchemeSWE, "4.4", "4.4: Demonstrate good subject knowledge on key aspects of social work practice"},
	{SchemeSWE, "4.5", "4.5: Contribute to an open and creative learning culture"},
	{SchemeSWE, "4.6", "4.6: Reflect on my learning activities and evidence what impact continuing professional development has on the quality of my practice"},
	{SchemeSWE, "4.7", "4.7: Record my learning and reflection on a regular basis"},
	{SchemeSWE, "4.8", "4.8: Reflect on my own values and challenge the impact they have on my practice"},
}

// Key is how a standard is named in a list of choices: "scheme/id".
func (s Standard) Key() string { return s.Scheme + "/" + s.ID }

// LookupStandard returns the standard with the given scheme and id.
func LookupStandard(scheme, id string) (Standard, bool) {
	for _, s := range Standards {
		if s.Scheme == scheme && s.ID == id {
			return s, true
		}
	}
	return Standard{}, false
}
