"""Deterministic sample data: a fictional B2B company's CRM, sequencer, call, web and
marketing-automation exports, with every verdict of spec/lead-states.md acted out.

`generate(out, leads, seed)` builds the world column-wise (world.py, stories.py, activity.py)
and hands it to one writer per system. The same seed gives the same bytes.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from lead_lens.sample.activity import build_activity
from lead_lens.sample.stories import add_stories, draw_archetypes, needs_own_company
from lead_lens.sample.world import make_world


@dataclass
class SampleReport:
    out: Path
    leads: int
    seconds: dict[str, float] = field(default_factory=dict)
    rows: dict[str, int] = field(default_factory=dict)


def generate(out: Path, leads: int = 2000, seed: int = 7,
             progress: Callable[[str], None] | None = None) -> SampleReport:
    """Write the sample data set for `leads` people into `out` (created if missing)."""
    from lead_lens.sample import gong, hubspot, marketo, outreach, readme, salesloft, web
    from lead_lens.sample.salesforce_activity import write_salesforce

    out.mkdir(parents=True, exist_ok=True)
    report = SampleReport(out=out, leads=leads)
    clock = time.perf_counter()

    def lap(name: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        report.seconds[name] = round(now - clock, 2)
        clock = now
        if progress:
            progress(f"{name}: {report.seconds[name]:.1f}s")

    # One generator per part, derived from the seed, so parts don't shift each other's draws.
    seeds = np.random.SeedSequence(seed).spawn(10)
    rngs = [np.random.default_rng(s) for s in seeds]
    archetypes = draw_archetypes(rngs[1], leads)
    world = make_world(rngs[0], leads, needs_own_company(archetypes))
    people = add_stories(rngs[1], world, archetypes)
    activity = build_activity(rngs[2], people)
    lap("world")
    people, _ = write_salesforce(rngs[3], world, people, activity, out)
    lap("salesforce")
    hubspot.write_hubspot(rngs[4], people, activity, out)
    lap("hubspot")
    outreach.write_outreach(rngs[5], people, activity, out)
    salesloft.write_salesloft(rngs[5], people, activity, out)
    lap("outreach+salesloft")
    gong.write_gong(rngs[6], people, activity, out)
    lap("gong")
    marketo.write_marketo(rngs[7], people, activity, out)
    lap("marketo")
    report.rows["web_events"] = web.write_web(rngs[8], people, out)
    lap("web")
    readme.write_readme(people, out, seed)
    lap("readme")
    return report
