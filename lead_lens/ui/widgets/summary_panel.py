"""The summary panel: the local model's text as it streams, then citations that jump to events."""

from __future__ import annotations

import re

from textual.containers import VerticalScroll
from textual.content import Content
from textual.markup import escape
from textual.widgets import Static

_CITATION = re.compile(r"\[(E\d+(?:\s*[,;]\s*E\d+)*)\]")


def linked(text: str, refs: dict[str, str]) -> str:
    """Markup for text whose [E1] citations become links that jump to their events."""
    out: list[str] = []
    last = 0
    for match in _CITATION.finditer(text):
        out.append(escape(text[last:match.start()]))
        links = []
        for ref in re.split(r"\s*[,;]\s*", match.group(1)):
            event_id = refs.get(ref.upper())
            links.append(f"[@click=screen.jump_to_event('{event_id}')]{ref}[/]" if event_id
                         else escape(ref))
        out.append("\\[" + ", ".join(links) + "]")
        last = match.end()
    out.append(escape(text[last:]))
    return "".join(out)


class SummaryPanel(VerticalScroll):
    """Shows 'press s to summarize', the streaming text, or the finished summary."""

    DEFAULT_CSS = """
    SummaryPanel { height: 1fr; }
    SummaryPanel > Static { width: 1fr; }
    """

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id)
        self.text = ""
        self.state = "idle"            # idle | streaming | done | failed
        self.citations: list[tuple[str, str, str]] = []

    def compose(self):  # type: ignore[no-untyped-def]
        yield Static(self._idle(), id="summary-text")

    @staticmethod
    def _idle() -> Content:
        return Content.from_markup("[dim]Press [b]s[/b] to summarize this lead with the local "
                                   "model. Citations like [b]\\[E1][/b] jump to their events."
                                   "[/dim]")

    @property
    def body(self) -> Static:
        return self.query_one("#summary-text", Static)

    def reset(self) -> None:
        self.text, self.state, self.citations = "", "idle", []
        self.body.update(self._idle())

    def start(self) -> None:
        self.text, self.state, self.citations = "", "streaming", []
        self.body.update(Content.styled("Writing the summary…", "dim italic"))

    def append(self, piece: str) -> None:
        self.text += piece
        self.body.update(Content(self.text + " ▌"))
        self.scroll_end(animate=False)

    def finish(self, sections: tuple[tuple[str, str], ...],
               citations: list[tuple[str, str, str]], note: str = "") -> None:
        self.state, self.citations = "done", citations
        refs = {ref: event_id for ref, event_id, _what in citations}
        parts = [f"[b]{escape(heading)}[/b]\n{linked(text, refs)}" for heading, text in sections]
        if citations:
            parts.append("[b]Sources[/b]\n" + "\n".join(
                f"[@click=screen.jump_to_event('{event_id}')]\\[{ref}][/] {escape(what)}"
                for ref, event_id, what in citations))
        if note:
            parts.append(f"[dim]{escape(note)}[/dim]")
        self.body.update(Content.from_markup("\n\n".join(parts)))
        self.scroll_home(animate=False)

    def fail(self, error: str) -> None:
        self.state = "failed"
        self.body.update(Content.assemble(("The summary failed: ", "bold $error"), error))
