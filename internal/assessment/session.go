package assessment

import (
	"fmt"
	"strings"

	"github.com/reflect-cpd/reflect/internal/framework"
)

// Answer is what a person said about one competence. A rating and N/A are
// exclusive; an answer with neither is unanswered, though it may still carry
// a note or a flag.
type Answer struct {
	Code     string `json:"code"`
	Rating   int    `json:"rating,omitempty"`    // a scale value; 0 when not rated
	NA       bool   `json:"na,omitempty"`        // not applicable
	NAReason string `json:"na_reason,omitempty"` // id of an N/A reason
	Note     string `json:"note,omitempty"`      // note or evidence reference
	Flag     bool   `json:"flag,omitempty"`      // a development priority for the person
}

// Answered reports whether the answer is a rating or N/A.
func (a Answer) Answered() bool { return a.Rating > 0 || a.NA }

// Session is a self-assessment in progress: a plan, the answers and the
// current position. Every change goes through its methods.
type Session struct {
	Plan    *Plan
	answers map[string]*Answer
	Cursor  int
}

// NewSession starts a session over a plan with no answers.
func NewSession(p *Plan) (*Session, error) {
	scale := p.Scale()
	for _, it := range p.Items {
		if !sameScale(scale, it.Framework.EffectiveScale()) {
			return nil, fmt.Errorf("frameworks %q and %q use different rating scales, so they cannot be assessed together", p.Items[0].Framework.ID, it.Framework.ID)
		}
	}
	return &Session{Plan: p, answers: map[string]*Answer{}}, nil
}

func sameScale(a, b *framework.Scale) bool {
	if len(a.Levels) != len(b.Levels) {
		return false
	}
	for i := range a.Levels {
		if a.Levels[i].Value != b.Levels[i].Value {
			return false
		}
	}
	return true
}

// Len is the number of items.
func (s *Session) Len() int { return len(s.Plan.Items) }

// Current returns the item at the cursor.
func (s *Session) Current() Item { return s.Plan.Items[s.Cursor] }

// Answer returns the answer for an item code (zero Answer when none).
func (s *Session) Answer(code string) Answer {
	if key, ok := s.Plan.AnswerKey(code); ok {
		code = key
	}
	if a, ok := s.answers[code]; ok {
		return *a
	}
	return Answer{Code: code}
}

func (s *Session) answer(code string) (*Answer, error) {
	key, ok := s.Plan.AnswerKey(code)
	if !ok {
		return nil, fmt.Errorf("competence %q is not part of this assessment", code)
	}
	a, ok := s.answers[key]
	if !ok {
		a = &Answer{Code: key}
		s.answers[key] = a
	}
	return a, nil
}

// Rate sets a rating, clearing any N/A.
func (s *Session) Rate(code string, value int) error {
	if s.Plan.Scale().Level(value) == nil {
		sc := s.Plan.Scale()
		return fmt.Errorf("%d is not on the scale (use %d to %d)", value, sc.Min(), sc.Max())
	}
	a, err := s.answer(code)
	if err != nil {
		return err
	}
	a.Rating, a.NA, a.NAReason = value, false, ""
	return nil
}

// SetNA marks a competence not applicable with a reason id.
func (s *Session) SetNA(code, reason string) error {
	if s.Plan.Scale().NAReason(reason) == nil {
		var ids []string
		for _, r := range s.Plan.Scale().NAReasons() {
			ids = append(ids, r.ID)
		}
		return fmt.Errorf("%q is not an N/A reason (use %s)", reason, strings.Join(ids, ", "))
	}
	a, err := s.answer(code)
	if err != nil {
		return err
	}
	a.Rating, a.NA, a.NAReason = 0, true, reason
	return nil
}

// Clear removes the rating or N/A, keeping note and flag.
func (s *Session) Clear(code string) error {
	a, err := s.answer(code)
	if err != nil {
		return err
	}
	a.Rating, a.NA, a.NAReason = 0, false, ""
	return nil
}

// SetNote replaces the note.
func (s *Session) SetNote(code, note string) error {
	a, err := s.answer(code)
	if err != nil {
		return err
	}
	a.Note = strings.TrimRight(note, " \t\r\n")
	return nil
}

// ToggleFlag flips the development-priority flag and returns its new value.
func (s *Session) ToggleFlag(code string) (bool, error) {
	a, err := s.answer(code)
	if err != nil {
		return false, err
	}
	a.Flag = !a.Flag
	return a.Flag, nil
}

// SetFlag sets the development-priority flag.
func (s *Session) SetFlag(code string, on bool) error {
	a, err := s.answer(code)
	if err != nil {
		return err
	}
	a.Flag = on
	return nil
}

// Answers returns the non-empty answers in plan order.
func (s *Session) Answers() []Answer {
	var out []Answer
	for _, it := range s.Plan.Items {
		if a, ok := s.answers[it.Code()]; ok && (a.Answered() || a.Note != "" || a.Flag) {
			out = append(out, *a)
		}
	}
	return out
}

// Restore loads saved answers. Answers for codes the plan does not ask are
// returned so the caller can report them; nothing is dropped silently.
func (s *Session) Restore(answers []Answer) (unknown []Answer) {
	for _, a := range answers {
		key, ok := s.Plan.AnswerKey(a.Code)
		if !ok {
			unknown = append(unknown, a)
			continue
		}
		if a.Rating > 0 && s.Plan.Scale().Level(a.Rating) == nil {
			unknown = append(unknown, a)
			continue
		}
		cp := a
		cp.Code = key
		if cp.Rating > 0 && cp.NA { // a hand-edited file: the rating wins
			cp.NA, cp.NAReason = false, ""
		}
		s.answers[key] = &cp
	}
	return unknown
}

// Progress returns how many items are answered (rated or N/A) and the total.
func (s *Session) Progress() (answered, total int) {
	for _, it := range s.Plan.Items {
		if a, ok := s.answers[it.Code()]; ok && a.Answered() {
			answered++
		}
	}
	return answered, len(s.Plan.Items)
}

// Next moves to the next item; it reports false at the end.
func (s *Session) Next() bool {
	if s.Cursor+1 >= s.Len() {
		return false
	}
	s.Cursor++
	return true
}

// Back moves to the previous item; it reports false at the start.
func (s *Session) Back() bool {
	if s.Cursor == 0 {
		return false
	}
	s.Cursor--
	return true
}

// Goto moves to item i (clamped).
func (s *Session) Goto(i int) {
	s.Cursor = max(0, min(i, s.Len()-1))
}

// GotoCode moves to the item that asks code.
func (s *Session) GotoCode(code string) bool {
	i := s.Plan.Index(code)
	if i < 0 {
		return false
	}
	s.Cursor = i
	return true
}

// NextUnanswered moves to the first unanswered item after the cursor,
// wrapping round; it reports false when everything is answered.
func (s *Session) NextUnanswered() bool {
	n := s.Len()
	for step := 1; step <= n; step++ {
		i := (s.Cursor + step) % n
		if !s.Answer(s.Plan.Items[i].Code()).Answered() {
			s.Cursor = i
			return true
		}
	}
	return false
}

// Search returns the indexes of items whose code, statement, sub-items or
// area title contain every word of query (case-insensitive).
func (s *Session) Search(query string) []int {
	words := strings.Fields(strings.ToLower(query))
	if len(words) == 0 {
		return nil
	}
	var out []int
	for i, it := range s.Plan.Items {
		hay := strings.ToLower(searchText(it))
		match := true
		for _, w := range words {
			if !strings.Contains(hay, w) {
				match = false
				break
			}
		}
		if match {
			out = append(out, i)
		}
	}
	return out
}

func searchText(it Item) string {
	var b strings.Builder
	c := it.Competence
	b.WriteString(c.Code + " " + c.Statement + " " + c.Area.Title + " " + c.Kind)
	var walk func([]*framework.Item)
	walk = func(items []*framework.Item) {
		for _, x := range items {
			b.WriteString(" " + x.Text)
			walk(x.Items)
		}
	}
	walk(c.Items)
	for _, t := range c.Tags {
		b.WriteString(" " + t)
	}
	return b.String()
}
