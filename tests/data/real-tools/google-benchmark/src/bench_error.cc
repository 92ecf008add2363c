// A benchmark that reports an error the way real suites do when a prerequisite is missing,
// next to one that runs normally: perf-action must refuse the output, not drop the failure.
#include <benchmark/benchmark.h>

#include <fstream>
#include <string>

static void BM_NeedsDataset(benchmark::State& state) {
  std::ifstream dataset("/nonexistent/perfaction-dataset.bin", std::ios::binary);
  if (!dataset) {
    state.SkipWithError("dataset /nonexistent/perfaction-dataset.bin not found");
    return;
  }
  for (auto _ : state) {
    benchmark::DoNotOptimize(dataset.peek());
  }
}
BENCHMARK(BM_NeedsDataset);

static void BM_StringConcat(benchmark::State& state) {
  for (auto _ : state) {
    std::string s;
    for (int i = 0; i < 100; ++i) s += std::to_string(i);
    benchmark::DoNotOptimize(s.data());
  }
}
BENCHMARK(BM_StringConcat);

BENCHMARK_MAIN();
