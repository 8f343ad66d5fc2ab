"""Text that links somewhere: a ledger row, a source, a glossary term, a table or figure, an address.

One object renders three ways (markdown for prose, HTML and LaTeX for tables), so a figure id in a table
of the PDF links to its row in the appendix as it does in the HTML.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

LATEX_SPECIALS = {
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "{": r"\{",
    "}": r"\}",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
    "\\": r"\textbackslash{}",
}


def latex_escape(text: str) -> str:
    """Text as LaTeX prints it: specials escaped, and straight double quotes made typographic (TeX would
    set every one of them as a closing quote)."""
    escaped = "".join(LATEX_SPECIALS.get(character, character) for character in str(text))
    return re.sub(r'(^|(?<=[\s(\[]))"', "\u201c", escaped).replace('"', "\u201d")


def markdown_escape(text: str) -> str:
    """Text that markdown must show as it is (brackets, stars and underscores in names)."""
    return "".join("\\" + c if c in "\\`*_[]<>#|" else c for c in str(text))


@dataclass(frozen=True)
class Link:
    text: str
    target: str  # "#anchor" inside the report, or an https:// address

    @property
    def internal(self) -> bool:
        return self.target.startswith("#")

    def markdown(self) -> str:
        return f"[{markdown_escape(self.text)}]({self.target})"

    def html(self) -> str:
        return f'<a href="{html.escape(self.target, quote=True)}">{html.escape(self.text)}</a>'

    def latex(self) -> str:
        if self.internal:
            return rf"\hyperlink{{{self.target[1:]}}}{{{latex_escape(self.text)}}}"
        return rf"\href{{{latex_escape(self.target)}}}{{{latex_escape(self.text)}}}"

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True)
class Target:
    """Text that other parts of the report link to (a ledger row, a source, a glossary term)."""

    text: str
    name: str  # the anchor, without '#'

    def markdown(self) -> str:
        return f'<span id="{self.name}">{markdown_escape(self.text)}</span>'

    def html(self) -> str:
        return f'<span id="{html.escape(self.name, quote=True)}">{html.escape(self.text)}</span>'

    def latex(self) -> str:
        return rf"\hypertarget{{{self.name}}}{{{latex_escape(self.text)}}}"

    def __str__(self) -> str:
        return self.text


# Scripts the PDF's fonts have: Latin with its accents, Greek, Cyrillic, and the punctuation between.
PDF_SCRIPTS = re.compile(r"[\u0000-\u052f\u1e00-\u1fff\u2000-\u206f\u20a0-\u20cf\u2100-\u22ff]*")


@dataclass(frozen=True)
class Words:
    """A source's words: as written in HTML and markdown; in the PDF, where they are in a script its fonts do
    not have (Arabic), a note of where to read them, never missing glyphs."""

    text: str

    @property
    def printable(self) -> bool:
        return PDF_SCRIPTS.fullmatch(self.text) is not None

    def markdown(self) -> str:
        return markdown_escape(self.text)

    def html(self) -> str:
        return html.escape(self.text)

    def latex(self) -> str:
        if self.printable:
            return latex_escape(self.text)
        return latex_escape("(in a script this PDF cannot print: see the HTML report or data/raw/quotations.csv)")

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True)
class Parts:
    """Text and links in a row: 'F026, F027 and F028'."""

    items: tuple

    def render(self, how: str) -> str:
        rendered = []
        for item in self.items:
            if isinstance(item, Link):
                rendered.append(getattr(item, how)())
            else:
                rendered.append({"html": html.escape, "latex": latex_escape, "markdown": markdown_escape}[how](item))
        return "".join(rendered)

    def __str__(self) -> str:
        return "".join(str(item) for item in self.items)


def anchor(kind: str, key: str) -> str:
    """The one spelling of every anchor: ledger-F026, source-S01, glossary-ccf, table-3-2."""
    return f"{kind}-{key}".replace(".", "-").replace(" ", "-").lower() if kind != "ledger" else f"ledger-{key}"


def ledger_link(figure_id: str) -> Link:
    return Link(figure_id, "#" + anchor("ledger", figure_id))


def figure_ids(text: str) -> Parts:
    """'F026+F027, F031' -> links to each ledger row, separators kept."""
    items: list = []
    token = ""
    for character in str(text) + "\0":
        if character.isalnum():
            token += character
            continue
        if token:
            is_id = len(token) == 4 and token[0].isalpha() and token[1:].isdigit()
            items.append(ledger_link(token) if is_id else token)
            token = ""
        if character != "\0":
            items.append(" + " if character == "+" else character)
    return Parts(tuple(items))


def source_link(source_id: str) -> Link:
    return Link(source_id, "#" + anchor("source", source_id))


def glossary(term: str, text: str | None = None) -> str:
    """A markdown link to the glossary entry of ``term``, shown as ``text``."""
    return Link(text or term, "#" + anchor("glossary", term)).markdown()
