"""The ``wa-analyzer`` command line: one module per subcommand over the same core the dashboard uses.

- `program`: the top-level parser and `main()`;
- `parse`, `analyze`, `classify` (``sample``, ``evaluate``), `corpus`, `dashboard`: one subcommand each;
- `inputs`: the CHAT paths and their format and merge flags; `classifier_options`: --lexicon, --model,
  --no-classify and --labels;
- `options`: the analysis options ``analyze`` and ``corpus`` share; `privacy`, `export`: the
  pseudonymisation and chart/report flags; `argtypes`: argument checks with one-sentence errors.
"""
from __future__ import annotations

from analyzer.cli.inputs import EXIT_BAD_INPUT, add_merge_options, chat_load_kwargs, load_from_args
from analyzer.cli.parse import cmd_parse, summary_lines, write_table
from analyzer.cli.program import build_parser, main

__all__ = ["EXIT_BAD_INPUT", "add_merge_options", "build_parser", "chat_load_kwargs", "cmd_parse",
           "load_from_args", "main", "summary_lines", "write_table"]
