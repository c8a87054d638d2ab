package cpd

import "strings"

// Reflective model ids. A record stores the id of the model it was written
// with; the models themselves are data (Models), so a new one is added by
// adding an entry there.
const (
	ModelWhatSoWhatNowWhat = "what-so-what-now-what"
	ModelGibbs             = "gibbs"
	ModelNMC               = "nmc-reflective-account"
	ModelAfterDeath        = "after-a-death"
)

// Prompt is one section of a reflective model: the question the person
// answers, with a short help text.
type Prompt struct {
	Key      string
	Title    string
	Question string
	Help     string
	// NMC is the question of the NMC reflective account form (1 to 4)
	// this section answers, or 0 when it answers none. A section about
	// what the person will do (a plan) never answers question 3, which
	// asks what they have already changed.
	NMC int
	// Plan marks a section written in the future tense: what the person
	// will do.
	Plan bool
}

// Model is a reflective model: an id, a title and its sections in order.
type Model struct {
	ID    string
	Title string
	// Short, when set, names the model in labels of the NMC layout
	// ("from your Gibbs feelings and evaluation"); without it the labels
	// quote the section titles ("from your “So what?” section").
	Short string
	// About is one sentence on what the model is for, shown when choosing.
	About string
	// Intro, when set, is shown before the model's first section, one
	// paragraph a string: what the reflection asks, what it does not, and
	// where support is.
	Intro []string
	// NotNow offers, before the first section, to stop and come back
	// later: every front end asks whether now is a good time and, if not,
	// saves and says how to return.
	NotNow bool
	// NoFocus marks a model that does not ask which of the
	// self-assessment's development needs to reflect on: the reflection
	// after a death is about the support had and what was learnt, and a
	// list of competence gaps has no place beside it. The focus step is
	// left out, a focus is refused, and exports do not show one kept from
	// another model.
	NoFocus bool
	Prompts []Prompt
}

// Models are the reflective models offered, in the order they are shown.
// The default is What? So what? Now what? (DefaultModel), or the NMC's own
// reflective account when the person's regulator is the NMC.
var Models = []Model{
	{
		ID:    ModelWhatSoWhatNowWhat,
		Title: "What? So what? Now what?",
		About: "Three questions, as the Academy of Medical Royal Colleges and the GMC suggest for reflection.",
		Prompts: []Prompt{
			{Key: "what", Title: "What?", NMC: 1, Question: "What did the self-assessment show you? Which needs have you chosen to reflect on, and why?",
				Help: "Describe what you noticed, without judging yourself. Keep it about your learning, not about any person you supported."},
			{Key: "so-what", Title: "So what?", NMC: 2, Question: "So what does this mean for your practice and for the people you support?",
				Help: "Think about why it matters: what you learned, how it fits with guidance, what it changes for people at risk and their families."},
			{Key: "now-what", Title: "Now what?", Plan: true, Question: "Now what will you do? What will you learn, try or change, and how will you know it has worked?",
				Help: "Your development plan comes next; name the first steps here."},
		},
	},
	{
		ID:    ModelGibbs,
		Title: "Gibbs' reflective cycle",
		Short: "Gibbs",
		About: "Six stages, from what happened to an action plan.",
		Prompts: []Prompt{
			{Key: "description", Title: "Description", NMC: 1, Question: "What happened, or what did the self-assessment show?"},
			{Key: "feelings", Title: "Feelings", NMC: 2, Question: "What were you thinking and feeling?"},
			{Key: "evaluation", Title: "Evaluation", NMC: 2, Question: "What was good and what was difficult?"},
			{Key: "analysis", Title: "Analysis", NMC: 2, Question: "What sense can you make of it? What does guidance or evidence say?"},
			{Key: "conclusion", Title: "Conclusion", NMC: 2, Question: "What else could you have done? What have you learned?"},
			{Key: "action-plan", Title: "Action plan", Plan: true, Question: "What will you do next time, and what will you learn or practise?"},
		},
	},
	{
		ID:    ModelNMC,
		Title: "NMC reflective account",
		Short: "NMC reflective account",
		About: "The four questions of the NMC's reflective accounts form, for revalidation.",
		Prompts: []Prompt{
			{Key: "nature", Title: "The activity or experience", NMC: 1, Question: NMCQuestions[0],
				Help: "Say what you did or what happened: this self-assessment, a course, feedback, or something in your practice. Leave out anything that could identify a person."},
			{Key: "learned", Title: "What you learned", NMC: 2, Question: NMCQuestions[1],
				Help: "What do you know, understand or notice now that you did not before?"},
			{Key: "changed", Title: "How you changed your practice", NMC: 3, Question: NMCQuestions[2],
				Help: "Write what you have already done differently. If you have not changed anything yet, say so, and come back to it: your plan for what you will do comes later."},
			{Key: "code", Title: "Relevance to the Code", NMC: 4, Question: NMCQuestions[3],
				Help: "Say how this relates to the Code. You tick the themes it links to a little later, under standards."},
		},
	},
	{
		// After a death by suicide: paced and trauma-informed. It records
		// that a debrief and supervision took place and what was learnt;
		// it never asks for an account of the death, which belongs in the
		// incident process.
		ID:    ModelAfterDeath,
		Title: "After the death of someone you cared for",
		About: "For when you are ready, after someone you cared for or worked with has died by suicide: the support you have had and what you have learnt, not an account of what happened.",
		Intro: []string{
			"This reflection is for after someone you cared for or worked with has died by suicide. Take it at your own pace, and only when you feel ready.",
			"It does not ask about the person, their death or what happened. A factual account belongs in your organisation's incident process and any inquest, not here: others may read a CPD record, and it is not legally privileged.",
			"It asks about your debrief and supervision, what you have learnt, and the support you will use. Write only what you are happy for others to read.",
			AfterDeathSupport,
		},
		NotNow:  true,
		NoFocus: true,
		Prompts: []Prompt{
			{Key: "support-so-far", Title: "Debrief and supervision", NMC: 1,
				Question: "Have you had a debrief or a support meeting since the death, and have you talked about it in supervision? Say which, and roughly when: the month is enough.",
				Help:     "If you have not had either yet, say so. You can ask for both, and you can come back to this later. Name people by their role, not their name, and write nothing that could identify the person who died."},
			{Key: "learning", Title: "What you have learnt", NMC: 2,
				Question: "What have you learnt so far, about your practice, your team or the wider system?",
				Help:     "Think of the debrief, supervision or any review. Focus on learning, not blame, your own or anyone else's. If a review is still going on, write what you have learnt so far and come back to it."},
			{Key: "looking-after", Title: "Looking after yourself from here", Plan: true,
				Question: "What support will you use from here, and is there anything you would like to do differently in your work?",
				Help:     "For example more supervision, peer support, occupational health or your employee assistance programme, time away, or support before an inquest. If you work in mental health, the Royal College of Psychiatrists' 2022 framework on supporting staff after a patient's suicide says what your employer should offer. Grief, guilt, anger, numbness and worry about blame are common after a death. You do not have to write about them here."},
		},
	},
}

// AfterDeathSupport is where staff can find support after the death of
// someone they cared for: shown with the reflection after a death.
const AfterDeathSupport = "Support is there for you: your supervisor or manager, occupational health, your employee assistance programme, and your organisation's staff support after a suicide (often called postvention). Samaritans are there day and night on 116 123."

// NotNowText is what a front end says when a person chooses not now: the
// record is saved and they can come back to the reflection later.
const NotNowText = "That is fine. Everything you have written is kept. When you are ready, come back to this reflection; you can choose another model then if you prefer."

// NMCQuestions are the four questions of the NMC's reflective accounts
// form, worded as the form words them.
var NMCQuestions = [4]string{
	"What was the nature of the CPD activity and/or practice-related feedback and/or event or experience in your practice?",
	"What did you learn from the CPD activity and/or feedback and/or event or experience in your practice?",
	"How did you change or improve your practice as a result?",
	"How is this relevant to the Code? Select one or more themes: Prioritise people – Practise effectively – Preserve safety – Promote professionalism and trust.",
}

// LookupModel returns the reflective model with the given id, or nil.
func LookupModel(id string) *Model {
	for i := range Models {
		if Models[i].ID == id {
			return &Models[i]
		}
	}
	return nil
}

// ModelIDs lists the ids of the models, in order.
func ModelIDs() []string {
	var out []string
	for _, m := range Models {
		out = append(out, m.ID)
	}
	return out
}

// DefaultModel is the model offered first: the NMC reflective account for
// someone whose regulator is the NMC, otherwise What? So what? Now what?
func DefaultModel(regulator string) string {
	if IsNMC(regulator) {
		return ModelNMC
	}
	return ModelWhatSoWhatNowWhat
}

// IsNMC reports whether a regulator, as a person wrote it, is the Nursing
// and Midwifery Council.
func IsNMC(regulator string) bool {
	r := strings.ToLower(strings.Join(strings.Fields(regulator), " "))
	return r == "nmc" || strings.Contains(r, "nursing and midwifery council") || strings.HasPrefix(r, "nmc ")
}

// AsksFocus reports whether the model with this id asks which
// development needs to reflect on (every model but the one after a
// death). An unknown or empty id is the default model, which does.
func AsksFocus(id string) bool { return !modelOf(id).NoFocus }

// Prompt returns the model's prompt for a section key.
func (m *Model) Prompt(key string) (Prompt, bool) {
	for _, p := range m.Prompts {
		if p.Key == key {
			return p, true
		}
	}
	return Prompt{}, false
}

// modelOf returns the record's model, or the default one when it has none
// or an unknown one.
func modelOf(id string) *Model {
	if m := LookupModel(id); m != nil {
		return m
	}
	return &Models[0]
}

// PrivacyNote is shown wherever people write reflections.
const PrivacyNote = "Keep reflections anonymous and focused on your learning: do not name or identify any patient, service user, family member or colleague. Written reflections are not legally privileged."
