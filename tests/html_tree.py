"""A small element tree of an HTML document, built with the standard library's parser.

Enough to find elements by tag and class and read their text, and strict where the report
tests need it: every end tag must close the element opened last, and nothing may stay open.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

# Elements that have no end tag in HTML.
VOID = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
    "track", "wbr",
}  # fmt: skip


@dataclass
class Element:
    """An element with its attributes and its children (elements and text, in order)."""

    tag: str
    attrs: dict[str, str | None]
    children: list[Element | str] = field(default_factory=list)

    @property
    def classes(self) -> set[str]:
        """The element's classes."""
        return set((self.attrs.get("class") or "").split())

    def text(self) -> str:
        """The element's text, white space folded as a browser shows it."""
        return " ".join(self._raw().split())

    def _raw(self) -> str:
        return "".join(c if isinstance(c, str) else c._raw() for c in self.children)

    def iter(self, tag: str | None = None, cls: str | None = None):
        """Yield every element below this one (depth first) with the tag and class given."""
        for child in self.children:
            if isinstance(child, Element):
                if (tag is None or child.tag == tag) and (cls is None or cls in child.classes):
                    yield child
                yield from child.iter(tag, cls)

    def find(self, tag: str | None = None, cls: str | None = None) -> Element:
        """The first element below with the tag and class given (an error if none)."""
        return next(self.iter(tag, cls))

    def by_id(self, element_id: str) -> Element:
        """The element below with the id given."""
        return next(e for e in self.iter() if e.attrs.get("id") == element_id)

    def elements(self, tag: str | None = None) -> list[Element]:
        """The child elements (not deeper), of one tag if given."""
        return [c for c in self.children if isinstance(c, Element) and tag in {None, c.tag}]


class UnbalancedError(AssertionError):
    """An end tag that does not close the element opened last, or an element left open."""


class _Builder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", {})
        self.stack = [self.root]
        self.doctype: str | None = None

    def handle_decl(self, decl: str) -> None:
        self.doctype = decl

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, dict(attrs))
        self.stack[-1].children.append(element)
        if tag not in VOID:
            self.stack.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack[-1].children.append(Element(tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        if len(self.stack) == 1 or self.stack[-1].tag != tag:
            msg = f"</{tag}> closes <{self.stack[-1].tag}> at {self.getpos()}"
            raise UnbalancedError(msg)
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def parse(document: str) -> Element:
    """Return the document's tree; raise UnbalancedError if its tags do not balance."""
    builder = _Builder()
    builder.feed(document)
    builder.close()
    if len(builder.stack) != 1:
        open_tags = [element.tag for element in builder.stack[1:]]
        msg = f"elements left open: {open_tags}"
        raise UnbalancedError(msg)
    builder.root.attrs["doctype"] = builder.doctype
    return builder.root
