"""Jinja templates shipped with perf-action (package data)."""
