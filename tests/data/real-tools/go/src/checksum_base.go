//go:build !head

package gobench

// Checksum hashes buf once (base version).
func Checksum(buf []byte) uint32 {
	return fnv1a(2166136261, buf)
}
