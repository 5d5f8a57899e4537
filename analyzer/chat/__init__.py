"""Reading an export into a `Chat`, and writing chat text back.

Data flows through these modules in this order:

- `sources`: the bytes of a ``.txt`` or ``.zip`` (encodings, zip members, size limits);
- `shapes`: the header shapes of Android and iOS exports (date order, clock, brackets);
- `phrases`: the system and media phrases of each UI language (data, not logic);
- `body_kinds`: what the text after a header is (message, media, deleted, system event);
- `refine`: decisions that need the whole chat (iOS marks, the group's name, repeated placeholders);
- `parse`: `load_chat`, from bytes to a `Chat`;
- `parts`: exports pasted one after another in one file;
- `merge`: several exports of one group, overlap removed, wall clock;
- `quality`: how much of the file was read, and how well;
- `model` and `schema`: the `Chat` and `ChatFormat` records and their column types;
- `write`: a `Chat` back to WhatsApp text (the parser's inverse), and `synthetic`, the sample
  generator that uses it.

Nothing here knows about metrics.
"""
from __future__ import annotations

from analyzer.chat.model import Chat, ChatFormat, build_members, is_bot

__all__ = ["Chat", "ChatFormat", "build_members", "is_bot"]
