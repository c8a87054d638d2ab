// Package cpd is the reflection and development plan that follow the
// ratings of a self-assessment: the practitioner's details, the reflective
// model, the needs to focus on, the written sections, the benefit to the
// people supported, the links to standards, SMART goals, the CPD activity
// and its evidence, and the anonymisation check with its confirmation.
//
// It is pure: no terminal, no files, no clock of its own (the clock and
// the goal id maker are passed in). The full-screen questionnaire, line
// mode and the answers file are three front ends of the same Flow: each
// draws the same Steps and turns keys, typed lines or YAML into the same
// Changes, which are validated here, once.
//
// Every change is a small value (Change) applied by Flow.Apply, so that a
// journal can record and replay them. Fields are named by an address such
// as "activity.hours", "section.so-what" or "goal.g-3f2a9c1b7d4e5f60.status".
package cpd
