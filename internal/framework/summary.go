package framework

// Summary is what `reflect frameworks list` shows of a framework.
type Summary struct {
	ID, ShortTitle, Population  string
	Domains, Areas, Competences int
}

// Summary summarises f.
func (f *Framework) Summary() Summary {
	d, a, c := f.Count()
	return Summary{ID: f.ID, ShortTitle: f.ShortTitle, Population: f.Population, Domains: d, Areas: a, Competences: c}
}
