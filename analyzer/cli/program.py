"""The `wa-analyzer` command line. Thin shell: argument parsing, calling the library, writing files.

Every subcommand reports bad input as one line on stderr with exit code 2, never a traceback.
"""
from __future__ import annotations

import argparse
import sys

from analyzer import __version__
from analyzer.cli.inputs import EXIT_BAD_INPUT
from analyzer.errors import ChatFormatError


def build_parser() -> argparse.ArgumentParser:
    """The ``wa-analyzer`` parser: one subcommand per module of this package."""
    from analyzer.cli import analyze, classify, corpus, dashboard, parse

    parser = argparse.ArgumentParser(
        prog="wa-analyzer",
        description="Turn an exported WhatsApp group chat into evidence about information sharing.")
    parser.add_argument("--version", action="version", version=f"wa-analyzer {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    parse.add_parser(sub)
    analyze.add_parser(sub)
    corpus.add_parser(sub)
    classify.add_parser(sub)  # sample, evaluate (issue 4)
    dashboard.add_parser(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    args._argv = list(sys.argv[1:] if argv is None else argv)  # recorded in corpus manifest.json
    try:
        return int(args.func(args) or 0)
    except ChatFormatError as exc:
        print(f"wa-analyzer: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except OSError as exc:
        # "cannot write 'x/messages.csv': No space left on device" — the path that failed.
        where = f" {str(exc.filename)!r}" if exc.filename else ""
        print(f"wa-analyzer: cannot read or write{where}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except ValueError as exc:
        print(f"wa-analyzer: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
