"""argparse value types shared by the subcommands."""
from __future__ import annotations

import argparse


def positive_int(value: str) -> int:
    """A whole number of at least 1, with a one-line error otherwise."""
    try:
        v = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, not {value!r}") from None
    if v < 1:
        raise argparse.ArgumentTypeError(f"expected a number of at least 1, not {value}")
    return v
