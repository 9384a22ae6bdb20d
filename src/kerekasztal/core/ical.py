"""iCalendar (.ics) for meetings and events: attachments, feeds and subscriptions."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.http import HttpResponse
from django.utils import timezone
from icalendar import Calendar, Event

from kerekasztal.core.records.files import content_disposition

PRODID = "-//Kerekasztal//kerekasztal//HU"


@dataclass(frozen=True)
class CalendarItem:
    uid: str
    summary: str
    start: datetime.datetime
    end: datetime.datetime
    url: str
    location: str = ""
    description: str = ""
    cancelled: bool = False
    sequence: int = 0
    updated: datetime.datetime | None = None


def calendar_bytes(items: Iterable[CalendarItem], *, name: str = "Kerekasztal",
                   method: str = "PUBLISH") -> bytes:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("method", method)
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Europe/Budapest")
    for item in items:
        event = Event()
        event.add("uid", item.uid)
        event.add("summary", item.summary)
        event.add("dtstart", item.start)
        event.add("dtend", item.end)
        event.add("dtstamp", item.updated or timezone.now())
        event.add("url", item.url)
        event.add("sequence", item.sequence)
        if item.location:
            event.add("location", item.location)
        description = "\n\n".join(part for part in (item.description, item.url) if part)
        event.add("description", description)
        event.add("status", "CANCELLED" if item.cancelled else "CONFIRMED")
        calendar.add_component(event)
    return calendar.to_ical()


def calendar_response(content: bytes, filename: str, *, attachment: bool = False
                      ) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = content_disposition(f"{filename}.ics", attachment=attachment)
    return response
