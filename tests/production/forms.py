"""Fill in a page's form as a browser would: its fields' current values, then ours."""

from __future__ import annotations

from html.parser import HTMLParser


class _FormReader(HTMLParser):
    def __init__(self, marker: str) -> None:
        super().__init__(convert_charrefs=True)
        self.marker = marker
        self.inside = False
        self.done = False
        self.fields: dict[str, str] = {}
        self._select: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and not self.done and (attrs.get("method") or "").lower() == "post":
            self.inside = self.marker in " ".join(str(value) for value in attrs.values())
        if not self.inside:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind in ("checkbox", "radio"):
                if "checked" in attrs:
                    self.fields[name] = attrs.get("value", "on")
            elif kind not in ("file", "submit", "button"):
                self.fields[name] = attrs.get("value") or ""
        elif tag == "select" and name:
            self._select = name
            self.fields.setdefault(name, "")
        elif tag == "option" and self._select:
            if "selected" in attrs or not self.fields[self._select]:
                self.fields[self._select] = attrs.get("value") or ""
        elif tag == "textarea" and name:
            self._textarea = name
            self.fields[name] = ""

    def handle_data(self, data):
        if self._textarea:
            self.fields[self._textarea] += data

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None
        elif tag == "form" and self.inside:
            self.inside, self.done = False, True


def form_values(html: str, marker: str = "") -> dict[str, str]:
    """What the first POST form with `marker` in an attribute (action, class) would send."""
    reader = _FormReader(marker)
    reader.feed(html)
    return reader.fields


def option_value(html: str, select_name: str, label: str) -> str:
    """The value of the option shown as `label` in the select named `select_name`."""

    class Options(HTMLParser):
        found = None
        _in_select = False
        _value = None

        def handle_starttag(self, tag, attrs):
            attrs = dict(attrs)
            if tag == "select":
                self._in_select = attrs.get("name") == select_name
            elif tag == "option" and self._in_select:
                self._value = attrs.get("value")

        def handle_data(self, data):
            if self._in_select and self._value is not None and data.strip() == label:
                self.found = self._value

        def handle_endtag(self, tag):
            if tag == "option":
                self._value = None

    parser = Options()
    parser.feed(html)
    if parser.found is None:
        raise AssertionError(f"no option {label!r} in {select_name}")
    return parser.found
