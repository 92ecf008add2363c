// Package gobench holds small workloads for perf-action's go test -bench fixtures.
package gobench

import (
	"sort"
	"strconv"
	"strings"
)

// SortedCopy returns a sorted copy of values.
func SortedCopy(values []int) []int {
	out := make([]int, len(values))
	copy(out, values)
	sort.Ints(out)
	return out
}

// fnv1a folds buf into an FNV-1a hash.
func fnv1a(h uint32, buf []byte) uint32 {
	for _, b := range buf {
		h ^= uint32(b)
		h *= 16777619
	}
	return h
}

// BuildMap inserts n keys into a fresh map.
func BuildMap(n int) map[int]int {
	m := make(map[int]int)
	for i := 0; i < n; i++ {
		m[i*7919%10007] = i
	}
	return m
}

// JoinNumbers renders 0..n-1 as a comma-separated string.
func JoinNumbers(n int) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(strconv.Itoa(i))
	}
	return b.String()
}
