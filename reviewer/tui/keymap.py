"""Key bindings of the review screen, each with an id so ``reviewer.toml`` can remap
it::

    [keys]
    "nav.down" = "j,down,ctrl+n"
    "decide.accept" = "A"

The ids and their default keys are listed by the help screen (``?``).
"""

from __future__ import annotations

from typing import Any, Mapping

from textual.binding import Binding

# Order matters: the footer shows the shown ones in this order, and cuts at the right
# edge of a narrow terminal, so help and quit come first.
REVIEW_BINDINGS: list[Binding] = [
    Binding("question_mark", "help", "Help", id="app.help"),
    Binding("q", "quit", "Quit", id="app.quit"),
    Binding("j,down", "cursor(1)", "Next segment", show=False, id="nav.down"),
    Binding("k,up", "cursor(-1)", "Previous segment", show=False, id="nav.up"),
    Binding("pagedown", "page(1)", "Page down", show=False, id="nav.page_down"),
    Binding("pageup", "page(-1)", "Page up", show=False, id="nav.page_up"),
    Binding("g,home", "first", "First segment", show=False, id="nav.first"),
    Binding("G,end", "last", "Last segment", show=False, id="nav.last"),
    Binding("n", "next_finding(True)", "Next finding", id="nav.next_finding"),
    Binding("N", "next_finding(False)", "Previous finding", show=False, id="nav.prev_finding"),
    Binding("colon", "goto", "Go to segment", show=False, id="nav.goto"),
    Binding("slash", "search", "Search", show=False, id="view.search"),
    Binding("f", "filter", "Filter", show=False, id="view.filter"),
    Binding("F", "findings", "Findings", id="view.findings"),
    Binding("z", "dismissed", "Dismissed findings (restore)", show=False, id="view.dismissed"),
    Binding("M", "sort_meaning", "Sort by meaning similarity (worst first) / document order",
            show=False, id="view.sort_meaning"),
    Binding("escape", "clear_view", "Clear filter/search", show=False, id="view.clear"),
    Binding("right_square_bracket", "select_finding(1)", "Select next finding of the segment",
            show=False, id="finding.next"),
    Binding("left_square_bracket", "select_finding(-1)", "Select previous finding of the segment",
            show=False, id="finding.prev"),
    Binding("e,enter", "edit", "Edit", id="edit.open"),
    Binding("s", "suggestion", "Use suggestion", id="edit.suggestion"),
    Binding("u", "undo", "Undo", show=False, id="edit.undo"),
    Binding("R", "replace", "Replace all", id="edit.replace"),
    Binding("U", "undo_bulk", "Undo the last replace-all", show=False, id="edit.undo_bulk"),
    Binding("v", "next_form", "Next plural form", show=False, id="edit.form"),
    Binding("a", "accept", "Accept as is", id="decide.accept"),
    Binding("r", "reject", "Reject", show=False, id="decide.reject"),
    Binding("x", "dismiss_finding", "Dismiss", id="decide.dismiss"),
    Binding("X", "dismiss_check", "Dismiss every finding of this check (with a reason)",
            show=False, id="decide.dismiss_check"),
    Binding("m", "mqm", "MQM", show=False, id="decide.mqm"),
    Binding("t", "glossary", "Glossary", show=False, id="decide.glossary"),
    Binding("ctrl+e", "export", "Export", id="app.export"),
    Binding("ctrl+t", "toggle_theme", "Light/dark theme", show=False, id="app.theme"),
]

EDITOR_HELP: list[tuple[str, str, str]] = [
    ("ctrl+s", "Editor: save the correction", "editor.save"),
    ("escape", "Editor: cancel", "editor.cancel"),
    ("ctrl+o", "Editor: MQM annotation on the selection", "editor.annotate"),
    ("ctrl+r", "Editor: insert the source's missing inline code ⟦n⟧", "editor.code"),
]

# Bindings of the modal screens (defined with them), remappable too.
MODAL_IDS = {"help.close", "prompt.cancel", "confirm.yes", "confirm.no", "glossary.cancel",
             "glossary.save", "mqm.cancel", "mqm.save", "mqm.minor", "mqm.major", "mqm.critical",
             "mqm.neutral", "findings.close", "findings.order", "findings.dismiss_check",
             "findings.dismiss_term", "dismissed.close", "replace.cancel", "replace.confirm"}

KNOWN_IDS = {b.id for b in REVIEW_BINDINGS} | {row[2] for row in EDITOR_HELP} | MODAL_IDS


def keymap_from_config(raw: Mapping[str, Any]) -> tuple[dict[str, str], list[str]]:
    """The ``[keys]`` table as a keymap, and warnings for unknown ids or bad values."""
    table = raw.get("keys", {}) if raw else {}
    keymap: dict[str, str] = {}
    warnings: list[str] = []
    if not isinstance(table, Mapping):
        return keymap, ["[keys] must be a table of binding id = \"key,key\""]
    for bid, keys in table.items():
        if isinstance(keys, list):
            keys = ",".join(str(k) for k in keys)
        if not isinstance(keys, str) or not keys.strip():
            warnings.append(f"[keys] {bid}: give the keys as a string, e.g. \"j,down\"")
            continue
        if bid not in KNOWN_IDS:
            warnings.append(f"[keys] unknown binding id {bid!r}")
            continue
        keymap[str(bid)] = keys.replace(" ", "")
    return keymap, warnings
