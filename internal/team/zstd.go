package team

import (
	"sync"

	"github.com/klauspost/compress/zstd"
	"github.com/parquet-go/parquet-go/format"
)

// smallZstd is Parquet's zstd codec with a small window. parquet-go's own
// codec makes encoders with zstd's default 8 MB window, and each holds
// twice that as history: 16 MB a column writer for pages that are
// 256 KB at most. A window as large as a page compresses them the same
// and keeps the row export's memory flat (see .ci/bench's scale section).
// Files written with it are ordinary zstd pages that any reader reads.
type smallZstd struct {
	mu  sync.Mutex
	enc []*zstd.Encoder // idle encoders, reused
	dec []*zstd.Decoder
}

// zstdWindow is the encoders' window: Parquet's default page size.
const zstdWindow = 256 << 10

func (*smallZstd) String() string                            { return "ZSTD" }
func (*smallZstd) CompressionCodec() format.CompressionCodec { return format.Zstd }

func (c *smallZstd) Encode(dst, src []byte) ([]byte, error) {
	c.mu.Lock()
	var e *zstd.Encoder
	if n := len(c.enc); n > 0 {
		e, c.enc = c.enc[n-1], c.enc[:n-1]
	}
	c.mu.Unlock()
	if e == nil {
		var err error
		e, err = zstd.NewWriter(nil, zstd.WithEncoderConcurrency(1), zstd.WithWindowSize(zstdWindow),
			zstd.WithLowerEncoderMem(true), zstd.WithZeroFrames(true), zstd.WithEncoderCRC(false))
		if err != nil {
			return nil, err
		}
	}
	out := e.EncodeAll(src, dst[:0])
	c.mu.Lock()
	c.enc = append(c.enc, e)
	c.mu.Unlock()
	return out, nil
}

func (c *smallZstd) Decode(dst, src []byte) ([]byte, error) {
	c.mu.Lock()
	var d *zstd.Decoder
	if n := len(c.dec); n > 0 {
		d, c.dec = c.dec[n-1], c.dec[:n-1]
	}
	c.mu.Unlock()
	if d == nil {
		var err error
		d, err = zstd.NewReader(nil, zstd.WithDecoderConcurrency(1), zstd.WithDecoderLowmem(true))
		if err != nil {
			return nil, err
		}
	}
	out, err := d.DecodeAll(src, dst[:0])
	c.mu.Lock()
	c.dec = append(c.dec, d)
	c.mu.Unlock()
	return out, err
}
