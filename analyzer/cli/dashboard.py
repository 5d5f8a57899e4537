"""``wa-analyzer dashboard [CHAT] [--port N]``: start the dashboard from the installed package.

Like ``datasette serve``, the command line starts the web UI over the same core. It runs
``streamlit run`` on `analyzer.dashboard.streamlit_app` with the settings a clone keeps in
``.streamlit/config.toml`` given as flags, so an installed package behaves the same: it listens on
127.0.0.1 only (``--network`` opts in to the local network, and the page then warns), sends no
usage statistics, and keeps uploads in memory. CHAT, when given, is shown instead of the sample
until another file is uploaded; it is read by the dashboard's own process and never copied.
"""
from __future__ import annotations

import argparse
import socket
import subprocess
import sys
from pathlib import Path

from analyzer.cli.argtypes import port_number
from analyzer.cli.inputs import EXIT_BAD_INPUT

DEFAULT_PORT = 8501
LOCAL = "127.0.0.1"
ALL_INTERFACES = "0.0.0.0"


def script_path() -> Path:
    """The file ``streamlit run`` executes (inside the installed package)."""
    return Path(__file__).resolve().parents[1] / "dashboard" / "streamlit_app.py"


def streamlit_command(chat: str | None, port: int, *, network: bool = False, headless: bool = False) -> list[str]:
    """The ``streamlit run`` command line for these options."""
    cmd = [sys.executable, "-m", "streamlit", "run", str(script_path()),
           "--server.port", str(port),
           "--server.address", ALL_INTERFACES if network else LOCAL,
           "--server.headless", "true" if headless else "false",
           "--server.maxUploadSize", "1024",  # MB: the parser's zip limit
           "--server.fileWatcherType", "none",  # an installed package does not change under it
           "--browser.gatherUsageStats", "false",
           "--client.toolbarMode", "minimal"]
    if chat is not None:
        cmd += ["--", "--chat", str(Path(chat).resolve())]
    return cmd


def _port_free(port: int, address: str) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        try:
            s.bind((address, port))
        except OSError:
            return False
    return True


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Register the `dashboard` subcommand."""
    p = subparsers.add_parser(
        "dashboard", help="open the dashboard in the browser (on this computer only)",
        description="Start the wa-analyzer dashboard (Streamlit) on http://127.0.0.1:PORT and open it in the "
                    "browser. Nothing leaves this computer: the page is served to this computer only, "
                    "uploads stay in memory and no usage statistics are sent. Ctrl+C stops it.")
    p.add_argument("chat", nargs="?", metavar="CHAT",
                   help="an export (.txt or .zip) to show first; without it the bundled sample chat is shown")
    p.add_argument("--port", type=port_number, default=DEFAULT_PORT, metavar="N",
                   help=f"the port to listen on (default {DEFAULT_PORT})")
    p.add_argument("--headless", action="store_true",
                   help="do not open a browser (on a server, or to open the address yourself)")
    p.add_argument("--network", action="store_true",
                   help="serve to every device on this network (e.g. a workshop projector): anyone there can "
                        "then open the chat that is loaded, and the page says so")
    p.set_defaults(func=run)
    return p


def run(args: argparse.Namespace) -> int:
    """Start the dashboard and wait until it stops; returns the exit code."""
    if args.chat is not None and not Path(args.chat).is_file():
        print(f"wa-analyzer dashboard: error: no file {args.chat!r}: give the path of an exported chat "
              "(.txt or .zip), or leave CHAT out to see the sample", file=sys.stderr)
        return EXIT_BAD_INPUT
    address = ALL_INTERFACES if args.network else LOCAL
    if not _port_free(args.port, address):
        print(f"wa-analyzer dashboard: error: port {args.port} is in use (is the dashboard already open?): "
              f"choose another with --port", file=sys.stderr)
        return EXIT_BAD_INPUT
    if args.network:
        print("wa-analyzer dashboard: warning: every device on this network can open the dashboard and the "
              "chat loaded in it", file=sys.stderr)
    print(f"wa-analyzer dashboard: http://{LOCAL}:{args.port} (Ctrl+C stops it)", file=sys.stderr)
    return _serve(streamlit_command(args.chat, args.port, network=args.network, headless=args.headless))


def _serve(cmd: list[str]) -> int:
    """Run the server and wait for it. A stop signal to this command (SIGTERM from a service manager,
    SIGHUP when the terminal closes) is passed on to the server, so stopping the command stops
    the page too: otherwise the server would go on serving the loaded chat on its port."""
    import signal

    proc = subprocess.Popen(cmd)
    wanted = [getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name)]
    previous = {sig: signal.signal(sig, lambda signum, frame: proc.send_signal(signum)) for sig in wanted}
    try:
        return proc.wait()
    except KeyboardInterrupt:
        # Ctrl+C reaches the server too (same process group): let it finish, and make sure it does
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
        return 0
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
