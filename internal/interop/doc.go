// Package interop converts competence frameworks to and from the formats
// learning platforms use: the Moodle competency framework CSV
// (admin/tool/lpimportcsv, 12- and 14-column layouts) and the 1EdTech CASE
// 1.0/1.1 CFPackage JSON.
//
// Import reads a file into a neutral tree of nodes (Source) and then fits
// that tree to reflect's three levels — domains, areas and competences —
// with Fit. Any hierarchy depth is accepted: leaves become competences, a
// leaf's parent becomes its area and the area's parent its domain; levels
// above the domains are folded into the domain titles, and leaves that sit
// directly under a higher level are gathered into an area named after
// their parent. Everything that could not be carried over, and every value
// that had to be defaulted (kinds, "what you can expect" lines, versions),
// is listed in the Report, so nothing is silently invented or lost.
//
// Export writes a framework deterministically: CASE identifiers are UUIDv5
// values derived from the framework id and the codes, so the same
// framework always gives the same identifiers; Moodle output uses the
// current 14-column header. Export then import gives back the same
// structure and statements.
package interop
