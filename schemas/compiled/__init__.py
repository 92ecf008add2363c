"""The compiled checks of perf-action's schemas (`make schemas`); see perfaction/validation.py."""
