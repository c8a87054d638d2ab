package cpd

import "fmt"

// Problem is a value that was refused: what is wrong and what to do. The
// value is not stored.
type Problem struct {
	Field string // the address of the field, such as "activity.hours"
	Msg   string // what is wrong, in words
	Hint  string // what to do instead; may be empty
}

func (p *Problem) Error() string {
	if p.Hint == "" {
		return p.Msg
	}
	return p.Msg + " (" + p.Hint + ")"
}

func problem(field, hint, format string, args ...any) *Problem {
	return &Problem{Field: field, Msg: fmt.Sprintf(format, args...), Hint: hint}
}
