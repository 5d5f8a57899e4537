"""The bytes behind the download buttons: the same CSV, XLSX, Parquet and JSON as the CLI writes."""
from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any, Mapping

import pandas as pd


def csv_bytes(df: pd.DataFrame) -> bytes:
    """The CLI's CSV writer (ISO times, every value exact), into memory."""
    from analyzer.cli.analyze import write_csv

    buf = io.BytesIO()
    write_csv(df, buf)
    return buf.getvalue()


def xlsx_bytes(df: pd.DataFrame, sheet: str) -> bytes:
    """The table as an Excel workbook (text cells, never formulas), into memory."""
    import tempfile

    from analyzer.outputs.spreadsheet import write_xlsx

    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / f"{sheet}.xlsx"
        if not write_xlsx(df, path, sheet=sheet):
            return b""
        return path.read_bytes()


def parquet_bytes(df: pd.DataFrame) -> bytes:
    buf = io.BytesIO()
    df.to_parquet(buf, index=False)
    return buf.getvalue()


def json_bytes(tree: Mapping[str, Any]) -> bytes:
    return (json.dumps(tree, ensure_ascii=False, indent=2, allow_nan=False) + "\n").encode("utf-8")
