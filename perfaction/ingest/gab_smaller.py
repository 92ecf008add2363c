"""github-action-benchmark `customSmallerIsBetter` JSON: every value is better when lower."""

from __future__ import annotations

from typing import TYPE_CHECKING

from perfaction.ingest import gab
from perfaction.model import Report

if TYPE_CHECKING:
    from perfaction.ingest import Input

FORMAT = "gab-smaller"
sniff = gab.sniff


def read(source: Input) -> Report:
    return gab.read(source, FORMAT, "lower")
