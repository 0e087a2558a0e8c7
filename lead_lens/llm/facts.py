"""The facts header: verdict, last sales touch, last engagement, open deal, sequence state.

It is computed from the store, never from the model, so a wrong or manipulated model output
cannot misstate the facts a marketer acts on.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from lead_lens.llm.context import Material


@dataclass(frozen=True)
class Facts:
    verdict: str
    last_sales_touch: str
    last_engagement: str
    open_deal: str
    sequence_state: str
    last_words: str = "none"

    def lines(self) -> list[tuple[str, str]]:
        return [("Verdict", self.verdict), ("Last sales touch", self.last_sales_touch),
                ("Last engagement", self.last_engagement), ("Open deal", self.open_deal),
                ("Sequence", self.sequence_state), ("Their last words", self.last_words)]

    def render(self) -> str:
        width = max(len(label) for label, _ in self.lines())
        return "\n".join(f"{label + ':':<{width + 1}} {value}" for label, value in self.lines())


def _day(value: datetime | date | None) -> str:
    return value.strftime("%Y-%m-%d") if value else "none"


def facts_from(material: Material) -> Facts:
    v = material.verdict
    if v is None:
        verdict = "not computed yet (run the verdicts)"
    else:
        flags = [flag for flag, on in (("warm", v.warm), ("ok to market", v.ok_to_market)) if on]
        if v.snooze_until:
            flags.append(f"snoozed until {_day(v.snooze_until)}")
        if v.priority is not None:
            flags.append(f"priority {v.priority}")
        verdict = v.verdict + (f" ({', '.join(flags)})" if flags else "")
    sales = v.last_sales_touch_at if v and v.last_sales_touch_at else \
        material.latest.get("sales_touch", (None, ""))[0]
    engaged = v.last_engagement_at if v and v.last_engagement_at else \
        material.latest.get("engagement", (None, ""))[0]
    if material.open_deals:
        name, stage, amount = material.open_deals[0]
        deal = name + (f", {stage}" if stage else "") + (f", {amount:,.0f}" if amount else "")
        if len(material.open_deals) > 1:
            deal += f" (+{len(material.open_deals) - 1} more)"
    else:
        deal = "none"
    if material.sequences:
        name, state, changed = material.sequences[0]
        sequence = f"{name}: {state}" + (f" since {_day(changed)}" if changed else "")
    else:
        sequence = "not in a sequence"
    return Facts(verdict, _day(sales), _day(engaged), deal, sequence,
                 last_words_text(material.last_words))


LAST_WORDS_CHARS = 160


def last_words_text(found: tuple[datetime | None, str] | None) -> str:
    """The lead's latest message in their own words (quoted thread and footer removed), cut at
    a word: what they said, straight from the data, whatever the model makes of it."""
    if found is None:
        return "none"
    when, text = found
    if len(text) > LAST_WORDS_CHARS:
        text = text[:LAST_WORDS_CHARS].rsplit(" ", 1)[0] + " ..."
    return f'{_day(when)}: "{text}"'

