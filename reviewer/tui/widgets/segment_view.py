"""The segment list: a Line-API ``ScrollView`` over the session's rows.

Rows have variable heights (wrapped text). Heights start as estimates from the text
lengths (one numpy pass over the view) and become exact when a row is first rendered;
offsets are their cumulative sum, so finding the row at a line is a binary search and
a million segments cost a few arrays, not a million widgets. Rendered rows are kept in
an LRU cache keyed by (position, revision, width, cursor, search, theme), so an edit
re-renders and refreshes one region. Toolong's ``LogLines`` is the model.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np
else:  # imported by the first array operation, after the first frame
    from ..lazy import np
from rich.style import Style
from textual import events
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from .rows import RowStyles, column_widths, gutter_width, render_row

CACHE_ROWS = 2048
WRAP_SLACK = 0.8  # word wrap leaves lines shorter than the column: estimate generously


class SegmentView(ScrollView, can_focus=True, inherit_bindings=False):
    """Source | target (| reference) rows of the segments in the session's view."""

    COMPONENT_CLASSES = {
        "segment-view--cursor", "segment-view--number", "segment-view--unreviewed",
        "segment-view--accepted", "segment-view--corrected", "segment-view--rejected",
        "segment-view--neutral", "segment-view--minor", "segment-view--major",
        "segment-view--critical", "segment-view--selected", "segment-view--search",
        "segment-view--chip", "segment-view--rule", "segment-view--annotation",
        "segment-view--empty",
    }

    DEFAULT_CSS = """
    SegmentView {
        overflow-x: hidden;
        overflow-y: auto;
        scrollbar-gutter: stable;
        background: $surface;
        & > .segment-view--cursor { background: $boost; }
        & > .segment-view--number { color: $text-muted; }
        & > .segment-view--unreviewed { color: $text-muted; }
        & > .segment-view--accepted { color: $success; text-style: bold; }
        & > .segment-view--corrected { color: $primary; text-style: bold; }
        & > .segment-view--rejected { color: $error; text-style: bold; }
        & > .segment-view--neutral { text-style: underline; }
        & > .segment-view--minor { background: $warning 25%; }
        & > .segment-view--major { background: $warning 55%; text-style: bold; }
        & > .segment-view--critical { background: $error 60%; text-style: bold; }
        & > .segment-view--selected { text-style: bold reverse; }
        & > .segment-view--search { background: $accent 50%; text-style: underline; }
        & > .segment-view--chip { background: $secondary 40%; color: $text; }
        & > .segment-view--rule { color: $surface-lighten-2; }
        & > .segment-view--annotation { text-style: underline; color: $error; }
        & > .segment-view--empty { color: $text-muted; text-style: italic; }
    }
    """

    class Clicked(Message):
        """A row was clicked."""

        def __init__(self, row: int) -> None:
            super().__init__()
            self.row = row

    class Painted(Message):
        """The first frame with rows was rendered (for time-to-first-paint): from the
        preview (``preview``), then from the loaded session."""

        def __init__(self, preview: bool = False) -> None:
            super().__init__()
            self.preview = preview

    def __init__(self, session: Any, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.session = session
        self._cache: OrderedDict[tuple, list[Strip]] = OrderedDict()
        # numpy arrays once the session is loaded (not imported before the first frame)
        self._heights: Any = ()
        self._offsets: Any = (0,)
        self._exact: Any = ()
        self._width = 0
        self._styles: RowStyles | None = None
        self._theme_rev = 0
        self._search_rev = 0
        self._painted = False
        #: the first units to paint before the session is loaded (a HeadPreview)
        self.preview: Any = getattr(session, "preview", None)
        self._preview_strips: tuple[int, list[Strip]] | None = None  # (width, lines)

    # -- styles and layout -------------------------------------------------------

    def on_mount(self) -> None:
        """Follow theme changes."""
        self.app.theme_changed_signal.subscribe(self, lambda _t: self.restyle())

    def restyle(self) -> None:
        """Drop styles and cached rows (theme changed)."""
        self._styles = None
        self._theme_rev += 1
        self._cache.clear()
        self.refresh()

    def styles_for_rows(self) -> RowStyles:
        """The row styles from the component classes (cached until the theme changes)."""
        if self._styles is None:
            get = self.get_component_rich_style
            base = Style.from_color(bgcolor=self.rich_style.bgcolor)
            self._styles = RowStyles(
                base=base, cursor=get("segment-view--cursor"), number=get("segment-view--number"),
                status=tuple(get(f"segment-view--{s}") for s in
                             ("unreviewed", "accepted", "corrected", "rejected")),  # type: ignore[arg-type]
                severity=tuple(get(f"segment-view--{s}", partial=True) for s in
                               ("neutral", "minor", "major", "critical")),  # type: ignore[arg-type]
                selected=get("segment-view--selected", partial=True),
                search=get("segment-view--search", partial=True),
                chip=get("segment-view--chip", partial=True), rule=get("segment-view--rule"),
                annotation=get("segment-view--annotation", partial=True),
                empty=get("segment-view--empty", partial=True),
            )
        return self._styles

    @property
    def text_width(self) -> int:
        """Cells available to rows (the scrollbar excluded)."""
        return max(20, self.scrollable_content_region.width)

    def _estimate(self, start: int) -> Any:
        """Estimated heights of the view's rows from ``start`` on."""
        s = self.session
        rows = s.rows
        if not s.loaded or rows <= start:
            return np.zeros(0, dtype=np.int32)
        cols = s.columns()
        widths = column_widths(self._width, gutter_width(10 ** (max(3, s.label_width) - 1)),
                               len(cols))
        lengths = s.lengths[start:] if s.view is None else s.lengths[s.view[start:]]
        est = np.ones(rows - start, dtype=np.int32)
        for k, c in enumerate(cols):
            w = max(1.0, widths[k] * WRAP_SLACK)
            np.maximum(est, np.ceil(lengths[:, c] / w).astype(np.int32), out=est)
        return est + 1

    def reset_layout(self) -> None:
        """Re-estimate every row height (view or width changed)."""
        self._width = self.text_width
        if not self.session.loaded:  # nothing to lay out (and no numpy) yet
            self._heights, self._offsets, self._exact = (), (0,), ()
            return
        self._heights = self._estimate(0)
        self._exact = np.zeros(len(self._heights), dtype=bool)
        self._recompute_offsets()

    def extend_layout(self) -> None:
        """The view grew at its end, its rows before unchanged (the next step of a
        streamed search): the new rows' heights are estimated, the others' kept, so
        nothing on screen moves."""
        old = len(self._heights)
        if self.session.rows < old or self.text_width != self._width:
            self.reset_layout()
            return
        more = self._estimate(old)
        if len(more):
            self._heights = np.concatenate([self._heights, more])
            self._exact = np.concatenate([self._exact, np.zeros(len(more), dtype=bool)])
            self._recompute_offsets()

    def _recompute_offsets(self) -> None:
        offsets = np.zeros(len(self._heights) + 1, dtype=np.int64)
        np.cumsum(self._heights, out=offsets[1:])
        self._offsets = offsets
        self.virtual_size = Size(self._width, int(offsets[-1]))

    def on_resize(self, event: events.Resize) -> None:
        """Width changes re-wrap everything."""
        if self.text_width != self._width:
            self.reset_layout()
            self.show_cursor()

    # -- rows --------------------------------------------------------------------

    def row_at(self, y: int) -> int:
        """The row covering virtual line ``y``."""
        return int(np.searchsorted(self._offsets, y, side="right")) - 1

    def strips(self, row: int) -> list[Strip]:
        """The rendered lines of ``row`` (cached)."""
        s = self.session
        pos = s.pos(row)
        current = row == s.cursor
        key = (pos, int(s.rev[pos]), self._width, current, s.selected if current else -1,
               self._search_rev, self._theme_rev)
        hit = self._cache.get(key)
        if hit is not None:
            self._cache.move_to_end(key)
            return hit
        strips = render_row(s, pos, self._width, current, self.styles_for_rows(), self.app.console)
        self._cache[key] = strips
        if len(self._cache) > CACHE_ROWS:
            self._cache.popitem(last=False)
        return strips

    def measure(self, first: int, lines: int) -> bool:
        """Make the heights exact from row ``first`` until ``lines`` lines are covered;
        True when some height changed (offsets and virtual size are updated)."""
        changed = False
        covered = 0
        row = first
        heights, exact = self._heights, self._exact
        while row < len(heights) and covered < lines:
            if not exact[row]:
                h = len(self.strips(row))
                exact[row] = True
                if h != heights[row]:
                    heights[row] = h
                    changed = True
            covered += int(heights[row])
            row += 1
        if changed:
            self._recompute_offsets()
        return changed

    def render_lines(self, crop: Region) -> list[Strip]:
        """Measure the visible rows first, so the lines below are placed exactly."""
        if self.session.loaded and self.text_width != self._width:
            # The room for text changed without a resize (a scrollbar came or went):
            # wrap again, or line ends would hide under the scrollbar.
            self.reset_layout()
        if len(self._heights) and self._width:
            top = self.row_at(int(self.scroll_y))
            self.measure(max(0, top), self.size.height + 1)
        return super().render_lines(crop)

    def _preview_line(self, y: int) -> Strip:
        """Line ``y`` of the preview: the first rows, the cursor on the first, drawn
        by the same renderer as the session's rows."""
        width = self.text_width
        cached = self._preview_strips
        if cached is None or cached[0] != width:
            p = self.preview
            lines: list[Strip] = []
            for pos in range(p.n):
                if len(lines) > self.size.height:
                    break
                lines += render_row(p, pos, width, pos == 0, self.styles_for_rows(),
                                    self.app.console)
            cached = self._preview_strips = (width, lines)
        if not self._painted and cached[1]:
            self._painted = True
            self.post_message(self.Painted(preview=True))
        lines = cached[1]
        return lines[y] if y < len(lines) else Strip.blank(width, self.rich_style)

    def render_line(self, y: int) -> Strip:
        """Line ``y`` of the visible region."""
        width = self.size.width
        if self.preview is not None and not self.session.loaded:
            return self._preview_line(y)
        vy = y + int(self.scroll_y)
        if not len(self._heights) or vy >= int(self._offsets[-1]):
            return Strip.blank(self._width or width, self.rich_style)
        row = self.row_at(vy)
        strips = self.strips(row)
        k = vy - int(self._offsets[row])
        if not self._painted or self.preview is not None:
            self._painted = True
            self.preview = self._preview_strips = None
            self.post_message(self.Painted())
        return strips[k] if k < len(strips) else Strip.blank(self._width, self.rich_style)

    # -- what the screen calls ------------------------------------------------

    def refresh_row(self, row: int | None) -> None:
        """Re-render one row (its segment changed): one region, unless its height
        changed."""
        if row is None or row >= len(self._heights):
            return
        self._exact[row] = False
        old = int(self._heights[row])
        if self.measure(row, 1) or int(self._heights[row]) != old:
            self.refresh()
            return
        self.refresh_lines(int(self._offsets[row]), old)

    def refresh_search(self) -> None:
        """Search pattern changed: every cached row is stale."""
        self._search_rev += 1
        self.refresh()

    def show_cursor(self, center: bool = False) -> None:
        """Scroll so the cursor row is visible."""
        s = self.session
        if not len(self._heights):
            return
        row = min(s.cursor, len(self._heights) - 1)
        height = max(1, self.scrollable_content_region.height)
        self.measure(row, height)
        top = int(self._offsets[row])
        h = int(self._heights[row])
        y = self.scroll_y
        if center:
            y = max(0, top - (height - h) // 2)
        elif top < y:
            y = top
        elif top + h > y + height:
            y = min(top, top + h - height)
        if y != self.scroll_y:
            self.scroll_to(y=y, animate=False, force=True)

    def move_cursor(self, old_row: int | None, center: bool = False) -> None:
        """The cursor moved from ``old_row``: repaint both rows, scroll."""
        if old_row is not None and old_row < len(self._heights):
            self.refresh_lines(int(self._offsets[old_row]), int(self._heights[old_row]))
        self.show_cursor(center)
        row = self.session.cursor
        if row < len(self._heights):
            self.refresh_lines(int(self._offsets[row]), int(self._heights[row]))

    def page_rows(self) -> int:
        """About how many rows a page holds at the cursor."""
        s = self.session
        if not len(self._heights):
            return 1
        height = self.scrollable_content_region.height
        row = s.cursor
        covered = 0
        k = 0
        while row + k < len(self._heights) and covered + int(self._heights[row + k]) <= height:
            covered += int(self._heights[row + k])
            k += 1
        return max(1, k)

    def on_click(self, event: events.Click) -> None:
        """Clicking a row moves the cursor there."""
        vy = int(event.y + self.scroll_y)
        if len(self._heights) and vy < int(self._offsets[-1]):
            self.post_message(self.Clicked(self.row_at(vy)))
