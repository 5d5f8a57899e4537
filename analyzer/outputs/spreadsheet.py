"""Tables for spreadsheet users: an `.xlsx` beside each CSV, and the `--excel-safe` CSV variant.

CSV is for programs: `wa-analyzer analyze` writes every value exactly as report.json, Parquet and
GraphML carry it, so joins on member names such as `+62 812-3456-7890` work. A spreadsheet that
opens a CSV, however, runs a cell that starts with `=`, `+`, `-` or `@` as a formula (CSV
injection), so spreadsheet users get an `.xlsx` instead: XlsxWriter stores every string as a text
cell (`strings_to_formulas`, `strings_to_numbers` and `strings_to_urls` off), and a text cell is
never evaluated, whatever it starts with. Its values are exact too: nothing is prefixed.

`write_csv(..., excel_safe=True)` (CLI `--excel-safe`) is for a CSV that will be opened in a
spreadsheet anyway: it puts `'` before such cells (`analyzer.outputs.csvsafe`), which changes those values.

Excel limits: a sheet holds at most 1,048,576 rows (the header is one) and a cell 32,767
characters. A longer table is not written as `.xlsx` (`write_xlsx` returns False and says why);
a longer text is cut at the limit and the row's cells keep the rest of the values.
"""
from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd

EXCEL_MAX_ROWS = 1_048_576
XLSX_AUTO_MAX_ROWS = 200_000  # the CLI writes larger tables as .xlsx only with --xlsx (it takes minutes)
EXCEL_MAX_CHARS = 32_767


def write_csv(df: pd.DataFrame, path: str | Path, *, excel_safe: bool = False) -> None:
    """CSV via Arrow (about 3x faster than pandas for a million rows); times as ISO 8601 seconds.

    Values are written exactly. excel_safe: put `'` before cells that a spreadsheet would run as a
    formula (`analyzer.outputs.csvsafe`); only for a CSV meant to be opened in a spreadsheet.
    """
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.csv as pcsv

    from analyzer.outputs.csvsafe import neutralise_array

    table = pa.Table.from_pandas(df, preserve_index=False)
    cols = []
    for col in table.columns:
        if pa.types.is_timestamp(col.type):
            col = pc.strftime(col.cast(pa.timestamp("s", tz=col.type.tz), safe=False), format="%Y-%m-%dT%H:%M:%S")
        cols.append(neutralise_array(col) if excel_safe else col)
    pcsv.write_csv(pa.table(cols, names=table.column_names), path)


def write_xlsx(df: pd.DataFrame, path: str | Path, *, sheet: str = "data") -> bool:
    """`df` as an Excel workbook with one sheet; strings are text cells (never formulas).

    Timestamps are Excel date-times (format yyyy-mm-dd hh:mm:ss; zone-aware ones in their own
    zone's wall-clock time), booleans are TRUE/FALSE, missing values are empty cells. Returns False,
    writing nothing, when the table has more rows than a sheet can hold.
    """
    import xlsxwriter

    if len(df) + 1 > EXCEL_MAX_ROWS:
        return False
    wb = xlsxwriter.Workbook(str(path), {
        "constant_memory": True, "strings_to_formulas": False, "strings_to_numbers": False,
        "strings_to_urls": False, "nan_inf_to_errors": False, "remove_timezone": True,
    })
    try:
        ws = wb.add_worksheet(sheet[:31])
        bold = wb.add_format({"bold": True})
        when = wb.add_format({"num_format": "yyyy-mm-dd hh:mm:ss"})
        for c, name in enumerate(df.columns):
            ws.write_string(0, c, str(name), bold)
        columns = [_cells(df[c]) for c in df.columns]
        kinds = [k for k, _ in columns]
        values = [v for _, v in columns]
        for r, row in enumerate(zip(*values), start=1):
            for c, v in enumerate(row):
                if v is None:
                    continue
                k = kinds[c]
                if k == "s":
                    ws.write_string(r, c, v if len(v) <= EXCEL_MAX_CHARS else v[:EXCEL_MAX_CHARS])
                elif k == "n":
                    ws.write_number(r, c, v)
                elif k == "b":
                    ws.write_boolean(r, c, v)
                else:
                    ws.write_datetime(r, c, v, when)
        ws.freeze_panes(1, 0)
    finally:
        wb.close()
    return True


def _cells(s: pd.Series) -> tuple[str, list]:
    """The column's cell type ("s" text, "n" number, "b" boolean, "t" date-time) and its values,
    None for an empty cell."""
    if pd.api.types.is_datetime64_any_dtype(s.dtype):
        if getattr(s.dtype, "tz", None) is not None:
            s = s.dt.tz_localize(None)  # the zone's wall clock, as report.json's local times
        return "t", [None if pd.isna(v) else v.to_pydatetime() for v in s]
    if pd.api.types.is_bool_dtype(s.dtype):
        return "b", [None if pd.isna(v) else bool(v) for v in s.astype(object)]
    if pd.api.types.is_numeric_dtype(s.dtype):
        vals = s.astype(object).to_numpy()
        return "n", [None if v is None or pd.isna(v) or (isinstance(v, float) and not math.isfinite(v))
                     else (int(v) if isinstance(v, (int, np.integer)) else float(v)) for v in vals]
    vals = s.astype(object).to_numpy()
    return "s", [None if v is None or (not isinstance(v, str) and pd.isna(v)) else str(v) for v in vals]
