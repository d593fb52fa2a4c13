"""``reviewer align SOURCE TARGET -o OUT``: split two documents and align them.

The output format follows OUT's suffix: ``.tsv`` (header ``source``, ``target``,
``confidence``; one row a link, see interfaces.md), ``.tmx`` (TMX 1.4b, each ``<tu>``
with a ``<prop type="x-alignment-confidence">`` and the link kind), ``.xlf``/``.xliff``
(XLIFF 2.1, one unit a link with a ``<note category="alignment">`` carrying the
confidence). The file is written atomically.
"""

from __future__ import annotations

from pathlib import Path
from typing import IO, Sequence
from xml.sax.saxutils import escape, quoteattr

import click

from . import cli_options as O
from .errors import UsageError

__all__ = ["align_command", "write_tsv", "write_tmx", "write_xliff"]

_SUFFIXES = {".tsv": "tsv", ".tmx": "tmx", ".xlf": "xliff", ".xliff": "xliff"}


def _cell(text: str) -> str:
    return text.replace("\t", " ").replace("\r", " ").replace("\n", " ")


def write_tsv(f: IO[str], links: Sequence) -> None:
    """The interfaces.md alignment TSV: header, then one row a link."""
    f.write("source\ttarget\tconfidence\n")
    for lk in links:
        f.write(f"{_cell(lk.source)}\t{_cell(lk.target)}\t{lk.confidence:.3f}\n")


def _xml(text: str) -> str:
    from .formats.tmx_export import _clean

    return escape(_clean(text))


def write_tmx(f: IO[str], links: Sequence, source_lang: str, target_lang: str) -> None:
    """TMX 1.4b: one ``<tu>`` a link, confidence and kind as ``<prop>``s."""
    from . import __version__

    f.write('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n')
    f.write(f'  <header creationtool="reviewer" creationtoolversion={quoteattr(__version__)} '
            f'segtype="sentence" o-tmf="reviewer" adminlang="en" '
            f'srclang={quoteattr(source_lang)} datatype="plaintext"/>\n  <body>\n')
    for k, lk in enumerate(links, 1):
        f.write(f'    <tu tuid="{k}">\n')
        f.write(f'      <prop type="x-alignment-confidence">{lk.confidence:.3f}</prop>\n')
        f.write(f'      <prop type="x-alignment-kind">{lk.kind}</prop>\n')
        for lang, text in ((source_lang, lk.source), (target_lang, lk.target)):
            f.write(f"      <tuv xml:lang={quoteattr(lang)}><seg>{_xml(text)}</seg></tuv>\n")
        f.write("    </tu>\n")
    f.write("  </body>\n</tmx>\n")


def write_xliff(f: IO[str], links: Sequence, source_lang: str, target_lang: str) -> None:
    """XLIFF 2.1: one unit a link, a note with the confidence and kind."""
    f.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    f.write('<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.1" '
            f"srcLang={quoteattr(source_lang)} trgLang={quoteattr(target_lang)}>\n")
    f.write('  <file id="f1">\n')
    for k, lk in enumerate(links, 1):
        f.write(f'    <unit id="{k}">\n      <notes>\n')
        f.write(f'        <note category="alignment">confidence {lk.confidence:.3f}; '
                f"link {lk.kind}</note>\n      </notes>\n")
        f.write(f'      <segment id="{k}">\n        <source>{_xml(lk.source)}</source>\n')
        f.write(f"        <target>{_xml(lk.target)}</target>\n      </segment>\n    </unit>\n")
    f.write("  </file>\n</xliff>\n")


@click.command("align")
@click.argument("source", type=click.Path())
@click.argument("target", type=click.Path())
@click.option("-o", "--output", required=True, type=click.Path(),
              help="Output file: .tsv, .tmx, .xlf or .xliff (the suffix decides).")
@O.config_option
@O.language_options
@click.option("--min-confidence", type=click.FloatRange(0.0, 1.0), default=0.0,
              show_default=True, help="Leave out links whose confidence is below this.")
def align_command(source: str, target: str, output: str, min_confidence: float,
                  **_: object) -> None:
    """Split SOURCE and TARGET (plain text) into sentences and align them.

    Paragraphs (lines, or blank-line blocks of wrapped lines) are hard boundaries;
    links may be 1-1, 1-2, 2-1, 2-2, 1-0 (an omission) or 0-1 (an addition), each with
    a confidence in 0-1.
    """
    from .align import align_texts
    from .formats.base import read_text
    from .inputs import readable_path
    from .output import check_output, output_stream, protected_paths
    from .settings import from_context

    settings = from_context()
    source_lang, target_lang = settings.read_options.source_lang, settings.read_options.target_lang
    protect = protected_paths([source, target, settings.config.path])
    check_output(output, protect)
    fmt = _SUFFIXES.get(Path(output).suffix.lower()) if output != "-" else "tsv"
    if fmt is None:
        raise UsageError("unknown output suffix: use .tsv, .tmx, .xlf or .xliff", output)
    if fmt != "tsv" and not (source_lang and target_lang):
        raise UsageError(f"{fmt.upper()} output needs --source-lang and --target-lang")
    src_text = read_text(readable_path(source))
    tgt_text = read_text(readable_path(target))
    links, _src, _tgt = align_texts(src_text, tgt_text, source_lang or "en", target_lang or "und")
    kept = [lk for lk in links if lk.confidence >= min_confidence]
    with output_stream(output, protect) as f:
        if fmt == "tsv":
            write_tsv(f, kept)
        elif fmt == "tmx":
            write_tmx(f, kept, source_lang or "", target_lang or "")
        else:
            write_xliff(f, kept, source_lang or "", target_lang or "")
    left = len(links) - len(kept)
    click.echo(f"reviewer: {len(kept)} links written to {output}"
               + (f" ({left} below --min-confidence left out)" if left else ""), err=True)
