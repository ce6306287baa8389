"""The supervisory authorities' Art. 35(4) lists, as data: one TOML file per authority.

Each list names the processing for which that authority always requires a DPIA. Pure
look-ups over the package's data: which authority an Assessment's Authority field names
(:func:`find`), and which item of a list a Screening row's Criterion starts with
(:func:`match`: ``"AP 9 Cameratoezicht"`` is item 9 of the Dutch AP's list).

An item's ``rule`` says what a yes means: ``alone``, a DPIA is required by the item itself;
``with-another``, the item counts as a criterion and requires a DPIA together with at least
one other criterion (the ICO's "when combined with any other criterion from WP248rev01").
"""

from __future__ import annotations

import functools
import re
import tomllib
from dataclasses import dataclass
from importlib import resources

from dpia.i18n import _
from dpia.model import ListItem

ALONE, WITH_ANOTHER = "alone", "with-another"
RULES = (ALONE, WITH_ANOTHER)


@dataclass(frozen=True)
class Item:
    """One item of an authority's list."""

    number: int
    code: str  # "AP 9": the list's prefix and the item's number
    name: str  # the heading as published, in the list's language
    name_en: str  # an English rendering ("" for an English list: ``name`` is English)
    rule: str  # ALONE | WITH_ANOTHER
    summary: str = ""  # our summary of the published description, in the list's language
    summary_en: str = ""
    language: str = "en"  # the list's language
    # (language, our rendering of ``name`` in it): the list data's name_<code> keys
    renderings: tuple[tuple[str, str], ...] = ()

    def rendering(self, lang: str) -> str:
        """Our rendering of the name in ``lang``; "" in the list's own language or when the
        list data has none in ``lang``."""
        return "" if self.language == lang else dict(self.renderings).get(lang, "")

    def summary_in(self, lang: str) -> str:
        """The summary in ``lang`` if the list has one in it, else in English."""
        return self.summary if self.summary and self.language == lang else self.summary_en


@dataclass(frozen=True)
class Authority:
    """A supervisory authority and its Art. 35(4) list."""

    key: str  # "ap", "ico", "cnil": what the Authority field and --authority take
    prefix: str  # "AP": the start of every item's code
    language: str  # of the published wording
    name: str
    name_en: str
    names: tuple[str, ...]  # further names the Authority field may use
    title: str  # the publication the list comes from
    citation: str
    date: str  # ISO date of the publication, "" when it states none
    url: str
    items: tuple[Item, ...]

    def item(self, number: int) -> Item | None:
        return next((item for item in self.items if item.number == number), None)

    def list_item(self, item: Item) -> ListItem:
        """What a Screening row that names ``item`` carries into the model (and the record)."""
        return ListItem(
            authority=self.key, authority_name=self.name, code=item.code, name=item.name,
            name_en=item.name_en, rule=item.rule, publication=self.title,
            citation=self.citation, date=self.date, url=self.url,
        )


def _text(data: dict, key: str, where: str, *, required: bool = True) -> str:
    value = data.get(key, "")
    if not isinstance(value, str) or (required and not value.strip()):
        raise ValueError(f"{where}: {key} must be text")
    return value


_RENDERING = re.compile(r"^name_([a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*)$")


def _renderings(raw: dict, where: str) -> tuple[tuple[str, str], ...]:
    """An item's renderings of its name, one per ``name_<language code>`` key."""
    found = []
    for key in sorted(raw):
        code = _RENDERING.match(key)
        if code and _text(raw, key, where, required=False):
            found.append((code.group(1), raw[key]))
    return tuple(found)


def _parse(data: dict, file: str) -> Authority:
    """An authority from its TOML data; ValueError naming the file and item when malformed."""
    key, prefix = _text(data, "key", file), _text(data, "prefix", file)
    language = _text(data, "language", file)
    publication = data.get("publication")
    if not isinstance(publication, dict):
        raise ValueError(f"{file}: [publication] is missing")
    items = []
    for index, raw in enumerate(data.get("items") or (), start=1):
        where = f"{file}: item {index}"
        number = raw.get("number")
        if not isinstance(number, int) or isinstance(number, bool) or number < 1:
            raise ValueError(f"{where}: number must be a whole number from 1")
        rule = _text(raw, "rule", where)
        if rule not in RULES:
            raise ValueError(f"{where}: rule must be one of {', '.join(RULES)}, not {rule!r}")
        items.append(Item(
            number=number, code=f"{prefix} {number}", name=_text(raw, "name", where),
            name_en=_text(raw, "name_en", where, required=False), rule=rule,
            summary=_text(raw, "summary", where, required=False),
            summary_en=_text(raw, "summary_en", where, required=False), language=language,
            renderings=_renderings(raw, where),
        ))
    if not items:
        raise ValueError(f"{file}: the list has no items")
    if len({item.number for item in items}) != len(items):
        raise ValueError(f"{file}: an item number is used twice")
    names = data.get("names", [])
    if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
        raise ValueError(f"{file}: names must be a list of text")
    return Authority(
        key=key, prefix=prefix, language=language, name=_text(data, "name", file),
        name_en=_text(data, "name_en", file), names=tuple(names),
        title=_text(publication, "title", file), citation=_text(publication, "citation", file),
        date=_text(publication, "date", file, required=False),
        url=_text(publication, "url", file), items=tuple(items),
    )


@functools.cache
def authorities() -> dict[str, Authority]:
    """Every list the package holds, by key (``"ap"``, ``"cnil"``, ``"ico"``), sorted."""
    found = {}
    folder = resources.files(__name__)
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".toml"):
            continue
        with entry.open("rb") as handle:
            authority = _parse(tomllib.load(handle), entry.name)
        if authority.key != entry.name.removesuffix(".toml"):
            raise ValueError(f"{entry.name}: key {authority.key!r} is not the file's name")
        found[authority.key] = authority
    return found


def get(key: str) -> Authority:
    """The authority ``key`` (KeyError when the package has no list for it)."""
    return authorities()[key]


def _folded(text: str) -> str:
    return " ".join(str(text).split()).casefold().replace("’", "'")


def find(text: str) -> Authority | None:
    """The authority an Authority cell names, by key or by any of its names, or None."""
    wanted = _folded(text)
    for authority in authorities().values():
        if wanted in {_folded(n) for n in (authority.key, authority.name, authority.name_en,
                                           *authority.names)}:
            return authority
    return None


def accepted_words() -> list[str]:
    """What an Authority cell may say: every key and name (for did-you-mean hints)."""
    return [word for a in authorities().values()
            for word in (a.key, a.name, a.name_en, *a.names)]


# "AP 9", "AP9", "AP-9", "ICO 3:", "CNIL 14 –": a prefix, a number, then the rest
_CODE = re.compile(r"\s*([^\W\d_]+)[\s.\-–]*(\d{1,4})(?!\d)[\s.:\-–)]*(.*)", re.S)


@dataclass(frozen=True)
class Match:
    """What a Criterion cell that starts with an item code names: the item, or why not."""

    item: ListItem | None
    problem: str = ""  # a warning for the DPO ("" when the code and the rest agree)


def match(criterion: str, authority: str = "") -> Match | None:
    """The list item a Screening Criterion starts with, or None when it starts with no
    list's code. With ``authority`` (the Assessment's Authority key) only that list's codes
    decide; another list's code is a criterion of its own, with a problem saying so."""
    found = _CODE.match(criterion)
    if not found:
        return None
    prefix, number, rest = found.group(1).casefold(), int(found.group(2)), found.group(3)
    owner = next((a for a in authorities().values() if a.prefix.casefold() == prefix), None)
    if owner is None:
        return None
    code = f"{owner.prefix} {number}"
    if authority and owner.key != authority:
        return Match(None, _("{code} is an item of the {list} list, but the Authority is "
                             "{authority}: it counts as a criterion of its own")
                     .format(code=code, list=owner.prefix, authority=authority))
    item = owner.item(number)
    if item is None:
        last = max(i.number for i in owner.items)
        return Match(None, _("{code}: the {list} list has no item {number} (its items are "
                             "{list} 1 to {list} {last}); it counts as a criterion of its own")
                     .format(code=code, list=owner.prefix, number=number, last=last))
    rest = _folded(rest).rstrip(".:")
    names = [_folded(n) for n in (item.name, item.name_en) if n]
    if rest and not any(rest.startswith(n) or n.startswith(rest) for n in names):
        typed = found.group(3).strip()
        return Match(owner.list_item(item),
                     _("{code} is {name!r} on the {list} list, not {typed!r}; check the code "
                       "(the code decides)")
                     .format(code=code, name=item.name, list=owner.prefix, typed=typed))
    return Match(owner.list_item(item))


def row_text(item: Item) -> str:
    """The Criterion of the Screening row ``dpia init --authority`` writes for ``item``."""
    return f"{item.code} {item.name}"


# the keys --authority offers and an Authority cell may hold
KEYS: tuple[str, ...] = tuple(authorities())


# the language of ``ListItem.name_en``, the rendering a record keeps with a cited item (the
# model's field is English by name)
RECORDED_RENDERING = "en"


def rendering(item: ListItem, lang: str) -> str:
    """Our rendering in ``lang`` of a cited item's name: "" in the list's own language or
    when there is none in ``lang``. The record's own rendering (``name_en``) goes before the
    list data's, so a report rebuilt from its record cites what it cited."""
    authority = authorities().get(item.authority)
    listed = next((i for i in authority.items if i.code == item.code), None) if authority else None
    if authority is not None and authority.language == lang:
        return ""
    if item.name_en and RECORDED_RENDERING == lang:
        return item.name_en
    return listed.rendering(lang) if listed is not None else ""


def cited_name(item: ListItem, lang: str) -> str:
    """``AP 9 Cameratoezicht``, with our rendering in the report's language ``lang`` in
    brackets when the list is in another language and has one in ``lang``
    (``AP 9 Cameratoezicht (Camera surveillance)`` in an English report)."""
    text = f"{item.code} {item.name}"
    translated = rendering(item, lang)
    return f"{text} ({translated})" if translated else text


def cited_source(item: ListItem) -> str:
    """The publication an item comes from, as a report cites it: title, where and when
    published, address."""
    return ", ".join(part for part in (item.publication, item.citation, item.date, item.url)
                     if part)
