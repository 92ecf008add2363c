"""github-action-benchmark `customBiggerIsBetter` JSON: every value is better when higher."""

from __future__ import annotations

from typing import TYPE_CHECKING

from perfaction.ingest import gab
from perfaction.model import Report

if TYPE_CHECKING:
    from perfaction.ingest import Input

FORMAT = "gab-bigger"
sniff = gab.sniff


def read(source: Input) -> Report:
    return gab.read(source, FORMAT, "higher")
