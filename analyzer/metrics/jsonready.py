"""JSON-ready copies of results: one conversion shared by every report section."""
from __future__ import annotations

import datetime as dt
import math
from dataclasses import asdict, is_dataclass

import numpy as np
import pandas as pd


def jsonable(obj: object) -> object:
    """JSON-ready copy: NaN/inf/NA/NaT become None, numpy scalars Python ones, times ISO strings."""
    if obj is None or obj is pd.NA or obj is pd.NaT:
        return None
    if isinstance(obj, dict):
        return {str(k): jsonable(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [jsonable(v) for v in obj]
    if isinstance(obj, np.ndarray):
        return [jsonable(v) for v in obj.tolist()]
    if isinstance(obj, (bool, np.bool_)):
        return bool(obj)
    if isinstance(obj, (int, np.integer)):
        return int(obj)
    if isinstance(obj, (float, np.floating)):
        f = float(obj)
        return f if math.isfinite(f) else None
    if isinstance(obj, str):
        return obj
    if isinstance(obj, np.datetime64):
        return None if np.isnat(obj) else pd.Timestamp(obj).isoformat()
    if isinstance(obj, (pd.Timestamp, dt.datetime, dt.date)):
        return obj.isoformat()
    if isinstance(obj, pd.DataFrame):
        return jsonable(obj.to_dict(orient="records"))
    if hasattr(obj, "to_dict"):
        return jsonable(obj.to_dict())
    if is_dataclass(obj):
        return jsonable(asdict(obj))
    raise TypeError(f"not JSON-serialisable: {type(obj).__name__}")
