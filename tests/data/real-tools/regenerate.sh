#!/usr/bin/env bash
# How every tool output under tests/data/real-tools/ was produced. This is documentation: the tests
# only read the committed outputs and never run this script or any benchmark tool.
#
# Usage (from anywhere): tests/data/real-tools/regenerate.sh [go] [google-benchmark] [gab]
#                        [criterion] [pytest-benchmark] [hyperfine] [google-benchmark-norep]
#                        [hyperfine-names]
# With no argument it regenerates the outputs produced for this repository: go, google-benchmark, gab.
#
# Machine used: AMD EPYC (Zen 5) KVM guest, 2 vCPUs, Debian 12. Tools:
#   apt-get install golang-go hyperfine libbenchmark-dev g++ jq      (go 1.19.8, hyperfine 1.15.0,
#                                                                     Google Benchmark 1.7.1, g++ 12.2)
#   apt-get install cargo librust-criterion-dev                       (criterion 0.3.6, offline)
#   pip install pytest==9.0.3 pytest-benchmark==5.2.3                 (CPython 3.11.7)
# Every output is written by the tool itself and never edited; each head run differs from its base
# run only by one benchmark slowed by about 20 %.
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

# go test -bench text with -benchmem and -count 5. Slowed: BenchmarkChecksum (build tag `head`
# re-hashes the first 20 % of the buffer). Not pinned, so go prints the GOMAXPROCS suffix "-2".
go_bench() {
    cp -r "$HERE/go/src" "$WORK/go"
    (
        cd "$WORK/go"
        export GOFLAGS=-mod=mod GOPROXY=off GOCACHE="$WORK/gocache"
        go test -run '^$' -bench . -benchmem -count 5 . >"$HERE/go/base.txt"
        go test -tags head -run '^$' -bench . -benchmem -count 5 . >"$HERE/go/head.txt"
    )
}

# Google Benchmark JSON. Checksum lives in its own translation unit, linked last, so the head build
# (-DHEAD) does not move the other benchmarks' code. Runs pinned to CPU 1.
build_google_benchmark() {
    local src="$HERE/google-benchmark/src"
    g++ -O2 -std=c++17 -o "$WORK/bench_base" "$src/bench.cc" "$src/checksum.cc" -lbenchmark -lpthread
    g++ -O2 -std=c++17 -DHEAD -o "$WORK/bench_head" "$src/bench.cc" "$src/checksum.cc" -lbenchmark -lpthread
    g++ -O2 -std=c++17 -o "$WORK/bench_error" "$src/bench_error.cc" -lbenchmark -lpthread
}

google_benchmark() {
    local out="$HERE/google-benchmark"
    build_google_benchmark
    cd "$WORK"
    # Five repetitions: iteration entries with repetition_index plus mean/median/stddev/cv aggregates.
    taskset -c 1 ./bench_base --benchmark_repetitions=5 --benchmark_format=json >"$out/base-rep5.json"
    taskset -c 1 ./bench_head --benchmark_repetitions=5 --benchmark_format=json >"$out/head-rep5.json"
    # A run where one benchmark calls SkipWithError: its entry carries error_occurred/error_message.
    taskset -c 1 ./bench_error --benchmark_min_time=0.05 --benchmark_format=json >"$out/error.json"
}

# github-action-benchmark custom JSON, written the way users' workflows write it: a jq step over
# another tool's output. Smaller-is-better from hyperfine's means (seconds); bigger-is-better from
# Google Benchmark's mean aggregates of bytes_per_second (B/s) and items_per_second (items/s).
gab() {
    local out="$HERE/gab"
    mkdir -p "$out"
    for side in base head; do
        jq '[.results[] | {name: .command, unit: "s", value: .mean,
                           range: ("± " + (.stddev | tostring)), extra: "hyperfine 10 runs"}]' \
            "$HERE/hyperfine/$side.json" >"$out/smaller-$side.json"
        jq '[.benchmarks[] | select(.aggregate_name == "mean")
             | (select(.bytes_per_second) | {name: .run_name, unit: "B/s", value: .bytes_per_second}),
               (select(.items_per_second) | {name: .run_name, unit: "items/s", value: .items_per_second})]' \
            "$HERE/google-benchmark/$side-rep5.json" >"$out/bigger-$side.json"
    done
}

# The outputs below come from the shared data set of real tool outputs (2026-11-26). The commands are
# the ones that produce these files with these tools; flags not visible in the outputs (hyperfine warm-up) were
# not recorded.

# Criterion 0.3.6: copies of target/criterion (JSON files only) after `cargo bench` on base, then on
# head in the same target directory. Slowed: checksum/65536.
criterion() {
    local src="$HERE/criterion/src"
    mkdir -p "$WORK/crit/src" "$WORK/crit/benches" "$WORK/crit/.cargo"
    cp "$src/Cargo.toml" "$src/Cargo.lock" "$WORK/crit/"
    cp "$src/benches.rs" "$WORK/crit/benches/benches.rs"
    cp "$src/cargo-config.toml" "$WORK/crit/.cargo/config.toml"
    cd "$WORK/crit"
    for side in base head; do
        cp "$src/lib.$side.rs" src/lib.rs
        cargo bench
        rm -rf "$HERE/criterion/criterion-$side"
        (cd target/criterion && find . -name '*.json' -exec install -D -m 644 {} \
            "$HERE/criterion/criterion-$side/{}" \;)
    done
}

# pytest-benchmark 5.2.3 in a git repository named pyb (commit_info). --benchmark-json always writes
# per-round stats.data in 5.x; the storage file (--benchmark-save) has stats only unless
# --benchmark-save-data is given. Slowed: test_sum_squares.
pytest_benchmark() {
    local src="$HERE/pytest-benchmark/src" out="$HERE/pytest-benchmark"
    mkdir -p "$WORK/pyb"
    cd "$WORK/pyb"
    git init -q -b main .
    cp "$src/test_bench.base.py" test_bench.py
    git add test_bench.py && git commit -q -m base
    python -m pytest -q test_bench.py --benchmark-json="$out/base.json" --benchmark-save=base
    cp .benchmarks/*/0001_base.json "$out/base-saved.json"
    cp "$src/test_bench.head.py" test_bench.py
    git commit -q -am head
    python -m pytest -q test_bench.py --benchmark-json="$out/head.json" \
        --benchmark-save=head --benchmark-save-data
    cp .benchmarks/*/0002_head.json "$out/head-samples.json"
}

# Google Benchmark without repetitions: one iteration entry per benchmark. Slowed: BM_Checksum/65536.
google_benchmark_norep() {
    local out="$HERE/google-benchmark"
    build_google_benchmark
    cd "$WORK"
    taskset -c 1 ./bench_base --benchmark_format=json >"$out/base-norep.json"
    taskset -c 1 ./bench_head --benchmark_format=json >"$out/head-norep.json"
}

# hyperfine 1.15.0, ten runs per command, seconds. Slowed: python3 sum_squares.py.
hyperfine_runs() {
    for side in base head; do
        (cd "$HERE/hyperfine/src/$side" && hyperfine --runs 10 --export-json "$HERE/hyperfine/$side.json" \
            'python3 sum_squares.py' 'python3 sort_keys.py' 'python3 json_dump.py')
    done
}

# hyperfine 1.15.0 with the names users give commands: a shell redirection and, with -n, markup that
# must reach a comment as inert text. Ten runs each, seconds, on 200,000 lines.
hyperfine_names() {
    cd "$WORK"
    seq 200000 >input
    hyperfine --runs 10 --export-json "$HERE/hyperfine/names.json" \
        -n 'wc -l < input' -n '<img src=x onerror=alert(1)> [docs](https://evil.example) ping @octocat' \
        'wc -l < input' 'sort -n input'
}

[ $# -eq 0 ] && set -- go google-benchmark gab
for target in "$@"; do
    case "$target" in
        go) go_bench ;;
        google-benchmark) google_benchmark ;;
        google-benchmark-norep) google_benchmark_norep ;;
        gab) gab ;;
        criterion) criterion ;;
        pytest-benchmark) pytest_benchmark ;;
        hyperfine) hyperfine_runs ;;
        hyperfine-names) hyperfine_names ;;
        *) echo "unknown target $target" >&2; exit 64 ;;
    esac
done
