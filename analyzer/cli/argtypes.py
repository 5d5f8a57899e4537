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


def non_negative_int(value: str) -> int:
    """A whole number of at least 0 (a random seed), with a one-line error otherwise."""
    try:
        v = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, not {value!r}") from None
    if v < 0:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 0, not {value}")
    if v >= 2**32:
        raise argparse.ArgumentTypeError(f"expected a number below {2**32:,}, not {value}")
    return v


FIRST_DAY = "1678-01-01"
LAST_DAY = "2262-04-10"
"""The days a window bound may name: the range of nanosecond timestamps, with a day to spare."""


def window_date(value: str) -> str:
    """A window bound: YYYY-MM-DD (or 'YYYY-MM-DD HH:MM') of a real day between `FIRST_DAY` and
    `LAST_DAY`; returned as given, for analyze(start=, end=)."""
    import datetime as dt
    import re

    s = value.strip()
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}(?:[ T]\d{2}:\d{2}(?::\d{2})?)?", s):
        raise argparse.ArgumentTypeError(f"expected a date such as 2024-07-31, not {value!r}")
    try:
        day = dt.date.fromisoformat(s[:10])
        if len(s) > 10:
            dt.datetime.fromisoformat(s.replace(" ", "T"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a real date and time") from None
    if not dt.date.fromisoformat(FIRST_DAY) <= day <= dt.date.fromisoformat(LAST_DAY):
        raise argparse.ArgumentTypeError(f"expected a date between {FIRST_DAY} and {LAST_DAY}, not {value!r}")
    return s


def port_number(value: str) -> int:
    """A TCP port for a server (1–65535)."""
    try:
        v = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a port number, not {value!r}") from None
    if not 1 <= v <= 65535:
        raise argparse.ArgumentTypeError(f"expected a port number from 1 to 65535, not {v}")
    return v
