"""How large GitHub lets each thing perf-action writes be: rendering fits these, publishing checks them."""

COMMENT_CHARS = 65_536  # a comment body (not stated in the OpenAPI description)
CHECK_OUTPUT_CHARS = 65_535  # a check run's output.summary and output.text
JOB_SUMMARY_BYTES = 1024 * 1024  # a step's job summary


def chars(text: str) -> int:
    """Characters as GitHub counts them, measured in UTF-16 code units so the count is never low."""
    return len(text.encode("utf-16-le")) // 2
