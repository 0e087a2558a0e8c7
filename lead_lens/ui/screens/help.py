"""Help: what each screen shows and its keys."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown

HELP = """\
# lead-lens

Which leads did sales stop working, and may marketing contact them again?

| Key | Where | Does |
|---|---|---|
| `o` `l` `i` `e` | anywhere | Overview, Leads, Import, Export |
| `ctrl+p` | anywhere | palette: jump to a lead, switch screens, re-import, summarize |
| `ctrl+t` | anywhere | light / dark theme |
| `?` | anywhere | this help |
| `q` | anywhere | quit |
| `b` `w` | Overview | the black hole, its warm leads |
| `↑` `↓` `Enter` / click | Overview charts and tables | drill into the leads behind a figure |
| `/` | Leads | search name, email, company |
| `f` `x` | Leads | the filters; clear them |
| `Enter` / click | Leads | open the lead |
| `Enter` | Lead timeline | the event's full text |
| `r` | Lead | the raw record the event came from |
| `s` `S` `ctrl+x` | Lead | summarize with the local model, rewrite, stop |
| `c` / click `[E1]` | Lead | jump to the cited event |
| `Esc` | Lead | back to the list |
| `Enter` `Esc` | Import | import the path, cancel |
| `ctrl+s` | Export | write the file |

**Verdicts**: *black hole* (handed off, sales stopped, marketing never came back),
*recycled*, *marketing owned* may be marketed; *snoozed*, *sales active*, *customer*,
*do not contact* may not. **Warm**: engaged after the last sales touch, within 30 days.
"""


class HelpScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,question_mark,q", "dismiss",
                                                     "Close")]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-dialog"):
            yield Markdown(HELP)
