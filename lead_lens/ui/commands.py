"""The command palette: jump to a lead by name or email, switch screens, re-import, summarize."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.worker import WorkerCancelled, WorkerFailed

from lead_lens.ui.messages import OpenLead

if TYPE_CHECKING:
    from lead_lens.ui.app import LeadLensApp

MIN_LOOKUP = 2


class LeadLensCommands(Provider):
    """Screens and actions by name; any two or more letters also search people."""

    @property
    def lead_app(self) -> LeadLensApp:
        return self.app  # type: ignore[return-value]

    def _commands(self) -> list[tuple[str, str, object]]:
        app = self.lead_app
        return [
            ("Overview", "The funnel, the black hole, leakage", partial(app.switch_mode,
                                                                         "overview")),
            ("Leads", "The filtered list of people", partial(app.switch_mode, "leads")),
            ("Import", "Import exports from files or folders", partial(app.switch_mode,
                                                                       "import")),
            ("Export", "Write the filtered list for HubSpot, Marketo or Salesforce",
             partial(app.switch_mode, "export")),
            ("Re-import", "Import the last imported path again, then rebuild",
             app.action_reimport),
            ("Summarize", "Summarize the lead on screen with the local model",
             app.action_summarize_current),
            ("Black hole", "Leads handed off and forgotten",
             partial(app.action_drill, "black_hole")),
            ("Help", "Keys and what the verdicts mean", app.action_help),
        ]

    async def discover(self) -> Hits:
        for name, help_text, callback in self._commands():
            yield DiscoveryHit(name, callback, help=help_text)  # type: ignore[arg-type]

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, callback in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), callback,  # type: ignore[arg-type]
                          help=help_text)
        if len(query.strip()) < MIN_LOOKUP:
            return
        app = self.lead_app
        worker = app.run_worker(partial(app.lookup_people, query), thread=True,
                                group="lookup", exclusive=True, exit_on_error=False)
        try:
            people = await worker.wait()
        except (WorkerCancelled, WorkerFailed):
            return
        for person_id, name, email, company in people or []:
            label = f"{name or email} <{email}>" if email else name or person_id
            yield Hit(0.9, f"Lead: {label}", partial(app.post_message, OpenLead(person_id)),
                      help=company or None)
