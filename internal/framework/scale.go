package framework

// DefaultScale is the tool's own four-point scale with its N/A reasons
// (PRODUCT.md §3). A framework file that names no scale uses it.
func DefaultScale() *Scale {
	return &Scale{
		ID: "reflect-4",
		Levels: []*Level{
			{Value: 1, Label: "Not yet", Descriptor: "Little or no knowledge or experience of this"},
			{Value: 2, Label: "Developing", Descriptor: "I know about this but need support or supervision to do it"},
			{Value: 3, Label: "Competent", Descriptor: "I can do this independently in routine situations"},
			{Value: 4, Label: "Proficient", Descriptor: "I can do this in complex situations and can guide others"},
		},
		NotApplicable: &NotApplicable{
			Label: "Not applicable",
			Reasons: []*NAReason{
				{ID: "not-my-role", Label: "Not part of my role"},
				{ID: "not-encountered", Label: "Not yet encountered"},
				{ID: "prefer-not-to-say", Label: "Prefer not to say"},
			},
		},
	}
}

// Level returns the level with the given value, or nil.
func (s *Scale) Level(value int) *Level {
	for _, l := range s.Levels {
		if l.Value == value {
			return l
		}
	}
	return nil
}

// Min returns the lowest value on the scale.
func (s *Scale) Min() int {
	if len(s.Levels) == 0 {
		return 0
	}
	return s.Levels[0].Value
}

// Max returns the highest value on the scale.
func (s *Scale) Max() int {
	if len(s.Levels) == 0 {
		return 0
	}
	return s.Levels[len(s.Levels)-1].Value
}

// NAReasons returns the N/A reasons, falling back to the default ones.
func (s *Scale) NAReasons() []*NAReason {
	if s.NotApplicable != nil && len(s.NotApplicable.Reasons) > 0 {
		return s.NotApplicable.Reasons
	}
	return DefaultScale().NotApplicable.Reasons
}

// NAReason returns the N/A reason with the given id, or nil.
func (s *Scale) NAReason(id string) *NAReason {
	for _, r := range s.NAReasons() {
		if r.ID == id {
			return r
		}
	}
	return nil
}
