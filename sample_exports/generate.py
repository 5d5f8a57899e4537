"""Write the bundled sample exports from the seeded conversation generator.

    python sample_exports/generate.py            # (re)write the files next to this script
    python sample_exports/generate.py --check    # exit 1 if a committed file differs

Every file is a rendering of `analyzer.chat.synthetic.generate_conversation` with a fixed seed, so the
samples are reproducible byte for byte and the same conversation exists in several export
styles. All people, phone numbers, shops and links are invented.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # run from a checkout without installing

from analyzer.chat.write import render, render_zip  # noqa: E402
from analyzer.chat.synthetic import SMALLBIZ, UMKM, generate_conversation  # noqa: E402

PACKAGE_SAMPLE = HERE.parent / "analyzer" / "data" / "sample" / "umkm_android_id.txt"
SEED_UMKM = 2024
SEED_SMALLBIZ = 7


def build() -> dict[str, bytes]:
    """File name -> exact bytes of every sample."""
    umkm = generate_conversation(SEED_UMKM, UMKM)
    kw = dict(group_name=UMKM.final_name, exporter=UMKM.exporter)
    ios_text = render(umkm, "ios_id", **kw)
    small = generate_conversation(SEED_SMALLBIZ, SMALLBIZ, attach_media=True)
    return {
        "umkm_android_id.txt": render(umkm, "android_id", **kw).encode("utf-8"),
        "umkm_ios_id.txt": ios_text.encode("utf-8"),
        "umkm_android_en_12h.txt": render(umkm, "android_en_12h", **kw).encode("utf-8"),
        "umkm_ios_id.zip": render_zip(ios_text, "ios_id", UMKM.final_name),
        "smallbiz_english.txt": render(small, "android_en_24h", group_name=SMALLBIZ.final_name,
                                       exporter=SMALLBIZ.exporter).encode("utf-8"),
    }


def destination(name: str, out: Path = HERE) -> Path:
    """Where sample `name` is kept: the dashboard's sample is package data (inside the wheel), the
    others live next to this script (or in `out`)."""
    return PACKAGE_SAMPLE if name == PACKAGE_SAMPLE.name and out == HERE else out / name


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="compare with the files on disk instead of writing")
    ap.add_argument("--out", type=Path, default=HERE, help="directory to write to (default: next to this script)")
    args = ap.parse_args(argv)
    stale = []
    for name, data in build().items():
        path = destination(name, args.out)
        if args.check:
            if not path.exists() or path.read_bytes() != data:
                stale.append(name)
            continue
        path.write_bytes(data)  # bytes, so iOS CRLF/LF mixes survive on every OS
        print(f"wrote {path} ({len(data):,} bytes)")
    if stale:
        print("out of date: " + ", ".join(stale) + " (run python sample_exports/generate.py)", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
