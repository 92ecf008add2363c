//go:build head

package gobench

// Checksum hashes buf, then redundantly re-hashes its first 20%:
// the deliberate ~20% regression of the head run.
func Checksum(buf []byte) uint32 {
	h := fnv1a(2166136261, buf)
	return fnv1a(h, buf[:len(buf)/5])
}
