"""Deadlines as an iCalendar file (RFC 5545), made with the ``icalendar`` package.

One all-day event per review or action. Its UID comes from the DPIA's file and the item
(``Deadline.uid``), never from the date or the wording, so importing a newer file into
Outlook or Google Calendar moves or renames the event instead of adding a second one. The
file depends only on the deadlines, the ``as_of`` date (DTSTAMP, and a SEQUENCE that grows
with it so that a calendar takes the newer file as the update) and the language of the
messages (``dpia.i18n``, as ``dpia due`` speaks): the same input gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path

from icalendar import Calendar, Event

from dpia import __version__, i18n
from dpia.errors import one_line
from dpia.fsutil import write_atomic
from dpia.i18n import _
from dpia.labels import labels
from dpia.portfolio import Deadline
from dpia.portfolio_output import status_word

PRODID = f"-//dpia//dpia {__version__}//EN"
# SEQUENCE counts days from here: a later --as-of always gives a higher revision
_EPOCH = dt.date(2000, 1, 1)


def summary(deadline: Deadline) -> str:
    """The event's title: what is due, and for which DPIA."""
    prefix = _("OVERDUE: ") if deadline.overdue else ""
    if deadline.kind == "review":
        return one_line(prefix + _("Review DPIA: {title}").format(title=deadline.title))
    return one_line(f"{prefix}{deadline.item} {deadline.what} ({deadline.title})")


def _status(status: str) -> str:
    """A measure's status in the words of the messages' language (its report's words)."""
    return labels(i18n.current())["values"]["status"].get(status) or status_word(status)


def description(deadline: Deadline) -> str:
    lines = [_("DPIA: {title}").format(title=one_line(deadline.title)),
             _("File: {file}").format(file=one_line(deadline.entry))]
    if deadline.kind == "review":
        lines.append(_("Review the DPIA and update it where the processing or its risks "
                       "changed (GDPR Art. 35(11))."))
    else:
        lines.append(_("Measure {item}: {what}").format(item=one_line(deadline.item),
                                                         what=one_line(deadline.what)))
        if deadline.owner:
            lines.append(_("Owner: {owner}").format(owner=one_line(deadline.owner)))
        lines.append(_("Status: {status}").format(status=_status(deadline.status)))
    return "\n".join(lines)


def calendar(deadlines: Iterable[Deadline], as_of: dt.date) -> Calendar:
    """An iCalendar with one all-day event per deadline."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", _("DPIA deadlines"))
    stamp = dt.datetime(as_of.year, as_of.month, as_of.day, tzinfo=dt.UTC)
    sequence = max(0, (as_of - _EPOCH).days)
    for deadline in deadlines:
        event = Event()
        event.add("uid", deadline.uid)
        event.add("dtstamp", stamp)
        event.add("sequence", sequence)
        event.add("dtstart", deadline.date)
        event.add("dtend", deadline.date + dt.timedelta(days=1))
        event.add("summary", summary(deadline))
        event.add("description", description(deadline))
        event.add("categories", ["DPIA", "review" if deadline.kind == "review" else "action"])
        event.add("transp", "TRANSPARENT")  # a deadline, not a meeting: the day stays free
        cal.add_component(event)
    return cal


def write_ics(path: Path, deadlines: Iterable[Deadline], as_of: dt.date, *,
              force: bool = False) -> None:
    """Write the deadlines to ``path`` as an .ics file, atomically; never over an existing
    file without ``force``."""
    write_atomic(Path(path), calendar(deadlines, as_of).to_ical(), force=force)
