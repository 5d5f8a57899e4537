"""The ``wa-analyzer`` command line: one module per subcommand over the same core the dashboard uses.

- `program`: the top-level parser, `main()` and ``parse``;
- `analyze`, `classify` (``classify``, ``sample``, ``evaluate``), `corpus`, `dashboard`: subcommands;
- `options`: the analysis options ``analyze`` and ``corpus`` share; `privacy`, `export`: the
  pseudonymisation and chart/report flags; `argtypes`: argument checks with one-sentence errors.
"""
from __future__ import annotations

from analyzer.cli.program import (
    EXIT_BAD_INPUT,
    add_merge_options,
    build_parser,
    chat_load_kwargs,
    cmd_parse,
    load_from_args,
    main,
    summary_lines,
    write_table,
)

__all__ = ["EXIT_BAD_INPUT", "add_merge_options", "build_parser", "chat_load_kwargs", "cmd_parse",
           "load_from_args", "main", "summary_lines", "write_table"]
