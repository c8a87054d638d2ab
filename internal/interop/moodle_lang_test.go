package interop

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/reflect-cpd/reflect/internal/framework"
)

// withHeader is testdata/interop/moodle-14col.csv with another header row.
func withHeader(t *testing.T, header string) []byte {
	t.Helper()
	body := strings.TrimPrefix(string(fixture(t, "interop/moodle-14col.csv")), "\ufeff")
	_, rest, _ := strings.Cut(body, "\n")
	return []byte(header + "\n" + rest)
}

// The headers a French, German, Spanish, Italian, Dutch and Portuguese
// Moodle writes (written out here from the language packs, not from moodle_headers.tsv,
// so that a wrong entry in the table fails), and one whose words reflect
// has no strings for: each file imports, the same as the English one, and
// the report says in one line how it was read.
func TestMoodleHeaderLanguages(t *testing.T) {
	english, _, err := Import("", "x.csv", fixture(t, "interop/moodle-14col.csv"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ name, header, how string }{
		{"French", `"ID de la compétence parente","ID","Nom abrégé","Description","Format de description","Valeurs du barème","configuration du barème","Type de règle de compétence (optionnelle)","Règle d'objectif (optionnelle)","Règle de paramétrage (optionnelle)","IDs des compétences croisées associées","ID d'exportation (optionnel)","Est un référentiel","Taxonomie"`,
			"14 columns, header in French"},
		{"German", `"Übergeordnete ID-Nummer",ID-Nummer,Kurzname,Beschreibung,Beschreibungsformat,Skalenwerte,Skalenkonfiguration,"Regeltyp (optional)","Regelergebnis (optional)","Regelkonfiguration (optional)","Querverweisende Kompetenz-ID-Nummern","Exportierte ID (optional)","Ist Kompetenzrahmen",Taxonomie`,
			"14 columns, header in German"},
		{"Spanish", `"Identificador padre",Identificador,"Nombre corto",Descripción,"Descripción del formato","Valores de escala","Configuración de escala","Tipo de regla (opcional)","Resultado de la regla (opcional)","Configuración de regla (opcional)","Identificadores de referencias cruzadas de competencias","Identificador de la exportación (opcional)","Es marco de competencias",Taxonomía`,
			"14 columns, header in Spanish"},
		{"Italian, one column in English", `"Codice identificativo del genitore","Codice identificativo","Nome abbreviato",Descrizione,"Formato della descrizione","Valori della scala","Configurazione della scala","Tipo di regola (opzionale)","Risultato della regola (opzionale)","Configurazione della regola (opzionale)","Cross-referenced competency ID numbers","ID esportata (opzionale)","è un quadro",Tassonomia`,
			"14 columns, header in Italian (1 column in English)"},
		{"Dutch", `"Bovenliggend IDnummer",IDnummer,"Korte naam",Beschrijving,Beschrijvingsformaat,Schaalwaarde,Schaalconfiguratie,"Regel type (optioneel)","Regel competentie (optioneel)","Regelconfiguratie (optioneel)","Kruisreferentie competentie IDnummers","Geëxporteerde ID (optioneel)","Is framewerk",Taxonomie`,
			"14 columns, header in Dutch"},
		{"Portuguese", `"Número ID do ascendente","Número ID","Nome curto",Descrição,"Formato da descrição","Escala de valores","Configuração da escala","Tipo de regra (opcional)","Regra do resultado da aprendizagem (opcional)","Configuração da regra (opcional)","Números ID da competência referenciada","ID exportado (opcional)","É quadro de competências",Taxonomia`,
			"14 columns, header in Portuguese"},
		{"words reflect does not know", `"Rhif adnabod rhiant","Rhif adnabod","Enw byr","Disgrifiad","Fformat","Gwerthoedd graddfa","Ffurfweddiad","Math","Canlyniad","Cyfluniad","Croesgyfeiriadau","Dynodydd","Fframwaith","Tacsonomeg"`,
			`recognised by position and shape: 14 columns, one row marked as the framework, JSON in its scale configuration; the header ("Rhif adnabod rhiant", "Rhif adnabod", "Enw byr", …) is in a language reflect has no strings for, so the columns were read in Moodle's order`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := withHeader(t, tt.header)
			if got := Detect("export.txt", data); got != FormatMoodleCSV && !strings.Contains(tt.how, "position") {
				t.Errorf("Detect = %q", got)
			}
			f, rep, err := Import(FormatMoodleCSV, "x.csv", data, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if got, want := strings.Join(describe(f, true), "\n"), strings.Join(describe(english, true), "\n"); got != want {
				t.Errorf("read differently from the English file:\n%s\nwant\n%s", got, want)
			}
			lines := rep.Lines()
			if want := "Read as a Moodle competency framework CSV, " + tt.how + "."; lines[1] != want {
				t.Errorf("second line of the report:\n  %s\nwant\n  %s", lines[1], want)
			}
			if f.Origin.Header[0] != strings.Trim(strings.SplitN(tt.header, ",", 2)[0], `"`) {
				t.Errorf("origin header = %q", f.Origin.Header)
			}
		})
	}
}

// Every language the table names has a string for each of Moodle's
// columns (or says in the table that its pack falls back to English), and
// no normalised string names two columns in one language.
func TestMoodleHeaderTable(t *testing.T) {
	cols := map[string]map[int]bool{}
	for key, list := range moodleHeaderStrings {
		perLang := map[string]int{}
		for _, hs := range list {
			if cols[hs.lang] == nil {
				cols[hs.lang] = map[int]bool{}
			}
			cols[hs.lang][hs.col] = true
			if c, dup := perLang[hs.lang]; dup && c != hs.col {
				t.Errorf("%q names two columns in %s", key, hs.name)
			}
			perLang[hs.lang] = hs.col
		}
	}
	for _, l := range moodleLanguages {
		for col := 0; col < nMoodleCols; col++ {
			if !cols[l.lang][col] && !(l.lang == "it" && col == colRelated) {
				t.Errorf("%s has no string for %s", l.name, moodleKeys[col])
			}
		}
	}
	if len(moodleLanguages) < 7 {
		t.Errorf("%d languages", len(moodleLanguages))
	}
}

// The 12-column layout is read by position too, and a file of Moodle's
// width but another shape is refused with the reason.
func TestMoodleByPosition(t *testing.T) {
	data := fixture(t, "interop/moodle-12col.csv")
	lines := strings.SplitN(string(data), "\n", 2)
	unknown := strings.Repeat("x,", 11) + "y"
	f, rep, err := Import(FormatMoodleCSV, "x.csv", []byte(unknown+"\n"+lines[1]), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(rep.Lines()[1], "recognised by position and shape: 12 columns") {
		t.Errorf("report: %s", rep.Lines()[1])
	}
	if d, _, c := f.Count(); d != 3 || c != 6 {
		t.Errorf("counts %d domains, %d competences", d, c)
	}
	bad := []struct{ name, data, want string }{
		{"no framework row", unknown + "\n,A,A,,1,,,,,,0,\n", "no row has 1 in column 11, where Moodle marks the framework's own row"},
		{"not 0 or 1", unknown + "\n,A,A,,1,,\"[]\",,,,yes please,\n", `line 2 has "yes please" in column 11`},
		{"no JSON", unknown + "\n,A,A,,1,,,,,,1,\n", "the framework's row (line 2) has no JSON in column 7"},
		{"format not a number", unknown + "\n,A,A,,html,,\"[]\",,,,1,\n", `line 2 has "html" in column 5, where Moodle writes the description format`},
		{"another width", "a,b,c\n1,2,3\n", `it has 3 columns ("a", "b", "c")`},
	}
	for _, tt := range bad {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := Import(FormatMoodleCSV, "x.csv", []byte(tt.data), Options{})
			if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.HasPrefix(err.Error(), "x.csv:1:") {
				t.Errorf("error %v does not say %q at line 1", err, tt.want)
			}
		})
	}
}

func TestReadCSVStrict(t *testing.T) {
	recs, err := readCSV("x.csv", "a,\"b\"\"c\",\"d\r\ne\"\r\nf,g \"h\" i,\"j\"k\"\rl\n\n", ',')
	if err != nil {
		t.Fatal(err)
	}
	got := fmt.Sprint(recs)
	if want := "[{1 [a b\"c d\r\ne]} {3 [f g \"h\" i j\"k]} {4 [l]} {5 []}]"; got != want {
		t.Errorf("records %s, want %s", got, want)
	}
	// A file cut off inside a quoted field is refused where the field starts.
	cut := "Parent ID number,ID number,Short name,Description,Is framework\n,F,Frame,,1\n,a,A,\"<p>first line\nsecond line\nthird"
	_, _, err = Import(FormatMoodleCSV, "cut.csv", []byte(cut), Options{})
	if err == nil || !strings.HasPrefix(err.Error(), "cut.csv:3: the file ends inside a quoted field that starts on line 3") {
		t.Errorf("a cut file: %v", err)
	}
}

// Every change an id needs to become a code is listed, one a line, with
// why: trimmed spaces, characters replaced, the prefix, made unique, the
// framework id number's case.
func TestIDChangesListed(t *testing.T) {
	csv := "Parent ID number,ID number,Short name,Description,Is framework\n" +
		",MyFW,Framework,,1\n" +
		", D1,Domain,,\n" +
		"D1,A 1,Area,,\n" +
		"A 1,c.1,One,<p>one</p>,\n" +
		"A 1,c.1,Two,<p>two</p>,\n"
	f, rep, err := Import(FormatMoodleCSV, "x.csv", []byte(csv), Options{Prefix: "P"})
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Join(rep.Lines(), "\n")
	for _, want := range []string{
		`  - framework id number "MyFW" → framework id myfw (reflect's framework ids are lower-case letters, digits and hyphens; choose another with --id)`,
		`  - " D1" → P.D1 (spaces trimmed; --prefix P)`,
		`  - "A 1" → P.A-1 (characters other than letters, digits, dots, hyphens and underscores replaced; --prefix P)`,
		`  - "c.1" → P.c.1 (--prefix P)`,
		`  - "c.1" → P.c.1-2 (--prefix P; made unique)`,
	} {
		if !strings.Contains(text, want+"\n") {
			t.Errorf("report lacks\n%s\n%s", want, text)
		}
	}
	if f.Origin.Document.ID != "MyFW" || f.Origin.Entries[0].ID != " D1" || f.Origin.Entries[2].Parent != "A 1" {
		t.Errorf("the origin does not keep the ids verbatim: %q %q %q", f.Origin.Document.ID, f.Origin.Entries[0].ID, f.Origin.Entries[2].Parent)
	}
}

// A chain of entries deeper than MaxDepth is refused in either format,
// naming the first entry beyond; one exactly MaxDepth deep imports. The
// time a 100,000-deep chain takes is measured by BenchmarkImport.
func TestDepthLimit(t *testing.T) {
	for _, format := range Formats {
		for _, depth := range []int{MaxDepth, MaxDepth + 1, 10000} {
			t.Run(fmt.Sprintf("%s/%d", format, depth), func(t *testing.T) {
				data := chain(format, depth)
				start := time.Now()
				f, _, err := Import(format, "deep", data, Options{})
				if depth <= MaxDepth {
					if err != nil {
						t.Fatal(err)
					}
					checkImported(t, f, &Report{})
					if d, a, c := f.Count(); d != 1 || a != 1 || c != 1 {
						t.Errorf("%d domains, %d areas, %d competences", d, a, c)
					}
					return
				}
				if err == nil {
					t.Fatal("no error")
				}
				want := fmt.Sprintf("the hierarchy is %d levels deep; reflect reads frameworks up to %d levels deep, and 1 entry is at level %d: ", depth, MaxDepth, MaxDepth+1)
				if !strings.Contains(err.Error(), want) {
					t.Errorf("error %v\ndoes not say %q", err, want)
				}
				if format == FormatMoodleCSV && !strings.HasPrefix(err.Error(), fmt.Sprintf("deep:%d:", MaxDepth+3)) {
					t.Errorf("error not at the line of the first entry beyond: %v", err)
				}
				if format == FormatCASEJSON {
					// The package is one line: the column is where the item starts.
					col := strings.Index(string(data), fmt.Sprintf(`{"identifier":"i%d"`, MaxDepth+1)) + 1
					if !strings.HasPrefix(err.Error(), fmt.Sprintf("deep:1:%d:", col)) {
						t.Errorf("error not at the first item beyond (line 1, column %d): %v", col, err)
					}
				}
				t.Logf("refused in %v", time.Since(start))
			})
		}
	}
}

// chain is a framework in the format whose entries each have the one
// before as parent, depth deep.
func chain(format string, depth int) []byte {
	var b strings.Builder
	if format == FormatMoodleCSV {
		b.WriteString(strings.Join(MoodleHeader, ",") + "\n")
		b.WriteString(`,CHAIN,A chain,,1,"Not yet,Yes","[{""scaleid"":""1""},{""id"":2,""scaledefault"":1,""proficient"":1}]",,,,,,1,` + "\n")
		for i := 1; i <= depth; i++ {
			parent := ""
			if i > 1 {
				parent = fmt.Sprintf("c%d", i-1)
			}
			fmt.Fprintf(&b, "%s,c%d,Level %d,<p>Entry %d</p>,1,,,,0,null,,,,\n", parent, i, i, i)
		}
		return []byte(b.String())
	}
	b.WriteString(`{"CFDocument":{"identifier":"doc","title":"A chain"},"CFItems":[`)
	for i := 1; i <= depth; i++ {
		if i > 1 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"identifier":"i%d","fullStatement":"Entry %d","humanCodingScheme":"c%d"}`, i, i, i)
	}
	b.WriteString(`],"CFAssociations":[`)
	for i := 1; i <= depth; i++ {
		if i > 1 {
			b.WriteByte(',')
		}
		parent := "doc"
		if i > 1 {
			parent = fmt.Sprintf("i%d", i-1)
		}
		fmt.Fprintf(&b, `{"identifier":"a%d","associationType":"isChildOf","originNodeURI":{"identifier":"i%d"},"destinationNodeURI":{"identifier":"%s"},"sequenceNumber":1}`, i, i, parent)
	}
	b.WriteString("]}")
	return []byte(b.String())
}

// wide is a framework in the format with n competences in areas of 100,
// in domains of 10 areas.
func wide(format string, n int) []byte {
	var b strings.Builder
	type entry struct{ id, parent, name, text string }
	var es []entry
	for i := 0; i < n; i++ {
		a, d := i/100, i/1000
		if i%1000 == 0 {
			es = append(es, entry{fmt.Sprintf("D%d", d), "", fmt.Sprintf("Domain %d", d), ""})
		}
		if i%100 == 0 {
			es = append(es, entry{fmt.Sprintf("D%d.%d", d, a), fmt.Sprintf("D%d", d), fmt.Sprintf("Area %d", a), ""})
		}
		es = append(es, entry{fmt.Sprintf("D%d.%d.%d", d, a, i), fmt.Sprintf("D%d.%d", d, a), fmt.Sprintf("Competence %d", i), fmt.Sprintf("An ability to do thing number %d well", i)})
	}
	if format == FormatMoodleCSV {
		b.WriteString(strings.Join(MoodleHeader, ",") + "\n")
		b.WriteString(`,WIDE,A wide framework,,1,"Not yet,Yes","[{""scaleid"":""1""},{""id"":2,""scaledefault"":1,""proficient"":1}]",,,,,,1,` + "\n")
		for _, e := range es {
			fmt.Fprintf(&b, "%s,%s,%s,<p>%s</p>,1,,,,0,null,,,,\n", e.parent, e.id, e.name, e.text)
		}
		return []byte(b.String())
	}
	b.WriteString(`{"CFDocument":{"identifier":"doc","title":"A wide framework"},"CFItems":[`)
	for i, e := range es {
		if i > 0 {
			b.WriteByte(',')
		}
		text := e.text
		if text == "" {
			text = e.name
		}
		fmt.Fprintf(&b, `{"identifier":"%s","fullStatement":"%s","abbreviatedStatement":"%s","humanCodingScheme":"%s"}`, e.id, text, e.name, e.id)
	}
	b.WriteString(`],"CFAssociations":[`)
	for i, e := range es {
		if i > 0 {
			b.WriteByte(',')
		}
		parent := e.parent
		if parent == "" {
			parent = "doc"
		}
		fmt.Fprintf(&b, `{"identifier":"a-%s","associationType":"isChildOf","originNodeURI":{"identifier":"%s"},"destinationNodeURI":{"identifier":"%s"},"sequenceNumber":%d}`, e.id, e.id, parent, i)
	}
	b.WriteString("]}")
	return []byte(b.String())
}

func TestWideImports(t *testing.T) {
	for _, format := range Formats {
		f, _, err := Import(format, "wide", wide(format, 2000), Options{})
		if err != nil {
			t.Fatal(err)
		}
		if d, a, c := f.Count(); d != 2 || a != 20 || c != 2000 {
			t.Errorf("%s: %d domains, %d areas, %d competences", format, d, a, c)
		}
		if probs := framework.Validate(f); len(probs) > 0 {
			t.Errorf("%s: %v", format, probs[0])
		}
	}
}

// A header that is not Moodle's 14 columns in order (the 12-column layout
// with extra columns, found by a fuzzer) is not written back over the 14
// columns an export writes: the export has Moodle's own header and reads
// again.
func TestOwnHeaderOnlyWhenItFits(t *testing.T) {
	data := fixture(t, "interop/moodle-12col.csv")
	head, rest, _ := strings.Cut(string(data), "\n")
	f, _, err := Import(FormatMoodleCSV, "x.csv", []byte(head+",Extra,More\n"+rest), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Origin.Header) != 14 || standardHeader(f.Origin.Header) {
		t.Fatalf("header %q", f.Origin.Header)
	}
	out := exportAs(t, f, FormatMoodleCSV)
	if !strings.HasPrefix(string(out), strings.Join(MoodleHeader, ",")+"\n") {
		t.Errorf("header: %.200s", out)
	}
	g, _, err := Import(FormatMoodleCSV, "back.csv", out, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if d, _, c := g.Count(); d != 3 || c != 6 {
		t.Errorf("read back: %d domains, %d competences", d, c)
	}
	french := `"ID de la compétence parente","ID","Nom abrégé","Description","Format de description","Valeurs du barème","configuration du barème","Type de règle de compétence (optionnelle)","Règle d'objectif (optionnelle)","Règle de paramétrage (optionnelle)","IDs des compétences croisées associées","ID d'exportation (optionnel)","Est un référentiel","Taxonomie"`
	f, _, err = Import(FormatMoodleCSV, "fr.csv", withHeader(t, french), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if out := exportAs(t, f, FormatMoodleCSV); !strings.HasPrefix(string(out), french+"\n") && !strings.HasPrefix(string(out), strings.ReplaceAll(french, `"`, "")) {
		t.Errorf("a French 14-column header is not written back: %.200s", out)
	}
}
