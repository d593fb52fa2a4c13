"""Text that leaves the tool or comes in as lines, made safe in one place.

* :func:`split_lines` splits a file's text at line breaks only (``\\r\\n``, ``\\n``,
  ``\\r``): ``str.splitlines`` also breaks at U+0085, U+2028, U+2029, U+000B, U+000C
  and U+001C-U+001E, which are ordinary characters inside a JSON string or a glossary
  cell.
* :func:`terminal_safe` makes control and escape characters visible, so a segment
  cannot move the cursor, retitle the window or clear the screen of whoever prints it
  (``check``'s text output; exported for the review screen).
* :func:`csv_cell` keeps a spreadsheet from running a cell as a formula (CSV
  injection): every CSV the tool writes goes through it.
* :func:`latex_escape` escapes LaTeX's special characters.
* :func:`bad_control` finds characters no export format can carry as text.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["split_lines", "terminal_safe", "csv_cell", "latex_escape", "bad_control",
           "describe_char"]

_EOL = re.compile(r"\r\n|\n|\r")


def split_lines(text: str) -> list[str]:
    """``text`` split at CR LF, LF or CR only; like ``str.splitlines()`` otherwise (no
    empty last item for a final line break)."""
    if not text:
        return []
    lines = _EOL.split(text)
    if lines[-1] == "":
        lines.pop()
    return lines


# C0 controls (but TAB, LF), DEL, C1 controls, line/paragraph separators and the
# bidirectional embedding/override/isolate characters (text that reorders a line).
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def _show(m: re.Match[str]) -> str:
    o = ord(m.group())
    if o < 0x20:
        return chr(0x2400 + o)  # the Control Pictures block: ␀ ␁ ... ␛ ...
    if o == 0x7F:
        return "\u2421"  # ␡
    return f"<U+{o:04X}>"


def terminal_safe(text: str) -> str:
    """``text`` with every control, escape, line-separator and bidi-control character
    replaced by a visible stand-in (``ESC`` becomes ``␛``, U+0085 ``<U+0085>``); TAB
    and LF are left for the caller to show as it likes."""
    return _UNSAFE.sub(_show, text)


_FORMULA = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def _is_number(s: str) -> bool:
    try:
        float(s)
    except ValueError:
        return False
    return True


def csv_cell(value: object) -> str:
    """A CSV cell safe to open in a spreadsheet: text that a spreadsheet would read as
    a formula (leading ``= + - @``, TAB, CR, or their full-width forms, after any
    spaces) gets a leading apostrophe; numbers such as ``-3`` stay as they are."""
    if value is None:
        return ""
    s = str(value)
    lead = s.lstrip(" ")
    if lead and lead[0] in _FORMULA and not _is_number(s):
        return "'" + s
    return s


_LATEX = {
    "\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "$": r"\$", "&": r"\&",
    "#": r"\#", "%": r"\%", "_": r"\_", "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
_LATEX_RE = re.compile(r"[\\{}$&#%_~^]")


def latex_escape(text: str) -> str:
    """``text`` with LaTeX's ten special characters escaped (no command can run) and
    control characters dropped."""
    text = terminal_safe(text).replace("\t", " ").replace("\n", " ")
    return _LATEX_RE.sub(lambda m: _LATEX[m.group()], text)


# Characters XML 1.0 cannot hold at all (C0 controls but TAB, LF, CR; U+FFFE, U+FFFF;
# surrogates): a correction holding one could not be exported to XLIFF or TMX, nor
# read back from a text format by most tools.
_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def bad_control(text: str) -> str | None:
    """The first character of ``text`` that no export format can carry as text (a C0
    control other than TAB, LF and CR; U+FFFE; U+FFFF; a lone surrogate), else None."""
    m = _BAD.search(text)
    return None if m is None else m.group()


def describe_char(ch: str) -> str:
    """``U+000C (FORM FEED)``-style name of a character for messages."""
    name = unicodedata.name(ch, "")
    if not name and ord(ch) < 0x20:
        name = "control " + repr(ch)[1:-1]
    return f"U+{ord(ch):04X}" + (f" ({name})" if name else "")
