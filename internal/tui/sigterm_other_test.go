//go:build !unix

package tui

import "context"

var sigterm func(context.CancelFunc) error
