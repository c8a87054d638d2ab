// Package hardening holds reflect's end-to-end robustness tests, run
// against the built binary: SIGKILL at random points of an assessment and
// of an export, a read-only, full or size-limited data folder, corrupt
// saved files, file permissions under a permissive umask, and proof that
// the program makes no network connections. The hostile-input table (every
// input format, broken or malicious) is internal/app/hostile_test.go; the
// fuzz targets run with .ci/fuzz. There is no code here, only tests.
package hardening
