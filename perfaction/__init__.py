"""perf-action: benchmark results in, pull-request verdicts out."""

__version__ = "0.1.0"
