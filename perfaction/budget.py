"""What one run may cost: caps derived from measured costs, checked before anything is parsed.

A fork's artifact decides how much work the report job does. The job must end well within the
workflows' timeout and the runner's memory, so results are refused up front, by their declared
(unzipped) size and by their number of suites, with one clear message, never discovered after minutes.
The costs are measured by benchmarks/bench_budget.py (docs/security.md has the figures and the
machine); when the pipeline gets faster, rerun it and update them here.
"""

from __future__ import annotations

# Measured: the whole compare step (unzip, validation, comparison with a baseline, rendering, posting)
# per MiB of canonical JSON results on a 2-vCPU machine at a load of about 2: 1.8 to 2.1 s, and a peak of
# about 75 MiB plus 9 MiB per MiB (13.7 MiB per MiB at 16.5 MiB). The figures used leave room for a
# slower runner.
SECONDS_PER_MIB = 2.5
MEMORY_MIB_PER_MIB = 14.0
# What a run may spend: a quarter of the example workflows' 10-minute timeout, and a quarter of the
# 7 GiB a GitHub-hosted Linux runner has (other steps and the runner itself need the rest).
TIME_BUDGET_SECONDS = 150.0
MEMORY_BUDGET_MIB = 1792.0
# The results one run reads: what the budget affords, whichever of time and memory runs out first.
MAX_RESULTS_MIB = int(min(TIME_BUDGET_SECONDS / SECONDS_PER_MIB, MEMORY_BUDGET_MIB / MEMORY_MIB_PER_MIB))
# Each suite is a check run and a comment: a notification to every subscriber, and API calls.
MAX_SUITES = 20
