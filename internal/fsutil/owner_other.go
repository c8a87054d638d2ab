//go:build !unix

package fsutil

func ownerOf(string) string { return "" }
