"""JSON Schemas shipped with perf-action (package data)."""
