package gobench

import (
	"math/rand"
	"strconv"
	"testing"
	"time"
)

func BenchmarkSort(b *testing.B) {
	for _, size := range []int{1000, 10000} {
		rng := rand.New(rand.NewSource(42))
		data := make([]int, size)
		for i := range data {
			data[i] = rng.Int()
		}
		b.Run(strconv.Itoa(size), func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				SortedCopy(data)
			}
		})
	}
}

func BenchmarkChecksum(b *testing.B) {
	buf := make([]byte, 64<<10)
	for i := range buf {
		buf[i] = byte(i * 131)
	}
	b.SetBytes(int64(len(buf)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		Checksum(buf)
	}
}

func BenchmarkMapInsert(b *testing.B) {
	const keys = 1000
	start := time.Now()
	for i := 0; i < b.N; i++ {
		BuildMap(keys)
	}
	b.ReportMetric(float64(keys*b.N)/time.Since(start).Seconds(), "items/s")
}

func BenchmarkJoinNumbers(b *testing.B) {
	for i := 0; i < b.N; i++ {
		JoinNumbers(100)
	}
}
