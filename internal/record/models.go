package record

// Prompt is one stage of a reflective model.
type Prompt struct {
	Key      string
	Title    string
	Question string
	Help     string
}

// ReflectionModel is a reflective model: an ordered list of prompts.
type ReflectionModel struct {
	ID      string
	Title   string
	Prompts []Prompt
}

// ReflectionModels are the models offered, the default first.
var ReflectionModels = []ReflectionModel{
	{
		ID:    ModelWhatSoWhatNowWhat,
		Title: "What? So what? Now what?",
		Prompts: []Prompt{
			{Key: "what", Title: "What?", Question: "What did the self-assessment show you? Which needs have you chosen to reflect on, and why?",
				Help: "Describe what you noticed, without judging yourself. Keep it about your learning, not about any person you supported."},
			{Key: "so-what", Title: "So what?", Question: "So what does this mean for your practice and for the people you support?",
				Help: "Think about why it matters: what you learned, how it fits with guidance, what it changes for people at risk and their families."},
			{Key: "now-what", Title: "Now what?", Question: "Now what will you do? What will you learn, try or change, and how will you know it has worked?",
				Help: "Your development plan comes next; name the first steps here."},
		},
	},
	{
		ID:    ModelGibbs,
		Title: "Gibbs' reflective cycle",
		Prompts: []Prompt{
			{Key: "description", Title: "Description", Question: "What happened, or what did the self-assessment show?"},
			{Key: "feelings", Title: "Feelings", Question: "What were you thinking and feeling?"},
			{Key: "evaluation", Title: "Evaluation", Question: "What was good and what was difficult?"},
			{Key: "analysis", Title: "Analysis", Question: "What sense can you make of it? What does guidance or evidence say?"},
			{Key: "conclusion", Title: "Conclusion", Question: "What else could you have done? What have you learned?"},
			{Key: "action-plan", Title: "Action plan", Question: "What will you do next time, and what will you learn or practise?"},
		},
	},
}

// Model returns the reflective model with the given id, or nil.
func Model(id string) *ReflectionModel {
	for i := range ReflectionModels {
		if ReflectionModels[i].ID == id {
			return &ReflectionModels[i]
		}
	}
	return nil
}

// NMCPrompt is one of the four prompts of the NMC reflective account form
// and the reflection sections, per model, that answer it.
type NMCPrompt struct {
	Question string
	From     map[string][]string // model id → section keys
}

// NMCPrompts maps the NMC reflective account form onto both models.
var NMCPrompts = []NMCPrompt{
	{Question: "What was the nature of the CPD activity and/or practice-related feedback and/or event or experience in your practice?",
		From: map[string][]string{ModelWhatSoWhatNowWhat: {"what"}, ModelGibbs: {"description"}}},
	{Question: "What did you learn from the CPD activity and/or feedback and/or event or experience in your practice?",
		From: map[string][]string{ModelWhatSoWhatNowWhat: {"so-what"}, ModelGibbs: {"feelings", "evaluation", "analysis", "conclusion"}}},
	{Question: "How did you change or improve your practice as a result?",
		From: map[string][]string{ModelWhatSoWhatNowWhat: {"now-what"}, ModelGibbs: {"action-plan"}}},
	{Question: "How is this relevant to the Code? Select one or more themes: Prioritise people – Practise effectively – Preserve safety – Promote professionalism and trust.",
		From: map[string][]string{}},
}

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

// LookupStandard returns the standard with the given scheme and id.
func LookupStandard(scheme, id string) (Standard, bool) {
	for _, s := range Standards {
		if s.Scheme == scheme && s.ID == id {
			return s, true
		}
	}
	return Standard{}, false
}

// PrivacyNote is shown wherever people write reflections.
const PrivacyNote = "Keep reflections anonymous and focused on your learning: do not name or identify any patient, service user, family member or colleague. Written reflections are not legally privileged."
