"""Rails i18n and generic YAML locale files (``.yml``, ``.yaml``).

Parsed with PyYAML's composer (MIT), which keeps each scalar's position, so a changed
value is replaced in place and everything else (comments, quoting, order) stays as it
was. Keys are joined with ``.``; a Rails file's single top-level key is its language
(``ru:``) and is not part of the unit ids. Plural keys (``zero`` .. ``other``) are
plural forms of their parent. Only string scalars are units; YAML's non-specific tag
``!`` (``! '*'``) is read as a string. A file ``ru.yml`` is paired with ``en.yml``
(or ``en-US.yml``) beside it.
"""

from __future__ import annotations

import json
from pathlib import Path

from .keyed import Entry, KeyedFormat, Parsed, _is_lang

_STR = "tag:yaml.org,2002:str"
#: a string, or YAML's non-specific tag ``!`` (PyYAML reports it under its own prefix)
_STR_TAGS = frozenset({_STR, "!", "tag:yaml.org,2002:yaml"})
_PLURALS = frozenset({"zero", "one", "two", "few", "many", "other"})


class YamlFormat(KeyedFormat):
    """YAML locale files."""

    name = "yaml"
    suffixes = (".yml", ".yaml")
    empty_is_untranslated = True

    def parse(self, text: str, path: Path) -> Parsed:
        import yaml

        try:
            root = yaml.compose(text, Loader=yaml.SafeLoader)
        except yaml.YAMLError as e:
            mark = getattr(e, "problem_mark", None)
            err = ValueError(f"invalid YAML: {getattr(e, 'problem', None) or e}")
            err.line = mark.line + 1 if mark is not None else None  # type: ignore[attr-defined]
            raise err from None
        out: list[Entry] = []
        lang = None
        if isinstance(root, yaml.MappingNode):
            pairs = root.value
            if len(pairs) == 1 and isinstance(pairs[0][0], yaml.ScalarNode) \
                    and _is_lang(str(pairs[0][0].value).replace("-", "_")):
                lang = str(pairs[0][0].value)
                self._walk(pairs[0][1], "", out)
            else:
                self._walk(root, "", out)
        return Parsed(out, target_lang=lang)

    def _walk(self, node, prefix: str, out: list[Entry]) -> None:  # type: ignore[no-untyped-def]
        import yaml

        if isinstance(node, yaml.MappingNode):
            keys = [str(k.value) for k, _ in node.value if isinstance(k, yaml.ScalarNode)]
            is_plural = bool(keys) and set(keys) <= _PLURALS and "other" in keys
            for k, v in node.value:
                if not isinstance(k, yaml.ScalarNode):
                    continue
                key = f"{prefix}.{k.value}" if prefix else str(k.value)
                if is_plural and isinstance(v, yaml.ScalarNode):
                    self._scalar(v, key, out, prefix, str(k.value))
                else:
                    self._walk(v, key, out)
        elif isinstance(node, yaml.SequenceNode):
            for i, v in enumerate(node.value):
                self._walk(v, f"{prefix}[{i}]", out)
        elif isinstance(node, yaml.ScalarNode):
            self._scalar(node, prefix, out)

    @staticmethod
    def _scalar(node, key: str, out: list[Entry], base: str | None = None,  # type: ignore[no-untyped-def]
                plural: str | None = None) -> None:
        if node.tag not in _STR_TAGS:
            return
        a, b = node.start_mark.index, node.end_mark.index
        out.append(Entry(key, str(node.value), a, b, node.start_mark.line + 1,
                         base=base, plural=plural))

    def encode(self, value: str, entry: Entry, text: str) -> str:
        return json.dumps(value, ensure_ascii=False)
