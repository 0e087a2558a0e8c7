"""People, timelines and verdicts: the headless core the CLI and the app share.

    rebuild(store, settings, as_of=None) -> RebuildStats
    find_person(store, "a@b.com" | person_id | ref) -> person_id | None
    timeline(store, person_id) -> polars.DataFrame
    explain(store, settings, person_id, as_of=None) -> Explanation
    leads(store, settings, verdict=, warm=, as_of=, limit=) -> polars.DataFrame
"""

from lead_lens.people.identity import find_person
from lead_lens.people.instants import parse_as_of
from lead_lens.people.rebuild import RebuildStats, rebuild
from lead_lens.people.timeline import timeline
from lead_lens.people.verdicts import VERDICTS, Explanation, Reason
from lead_lens.people.verdicts import explain_person as explain
from lead_lens.people.verdicts import leads_frame as leads

__all__ = ["VERDICTS", "Explanation", "Reason", "RebuildStats", "explain", "find_person",
           "leads", "parse_as_of", "rebuild", "timeline"]
