"""The publicity block that documents of a grant project must carry.

The projects app registers a provider; until then documents have no block. A provider takes
any record (a meeting, an event, a forum...) and returns the block, or None.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Publicity:
    beneficiary: str
    project_title: str
    project_id: str
    lines: list[str] = field(default_factory=list)  # grant, fund, statements, in order
    # the EU infoblock (logo block) where the brand or the project asks for it: brand,
    # "Európai Unió", the funds, "Magyarország Kormánya", "Befektetés a jövőbe"
    infoblock: list[str] = field(default_factory=list)


Provider = Callable[[Any], "Publicity | None"]
_providers: list[Provider] = []


def register(provider: Provider) -> None:
    if provider not in _providers:
        _providers.append(provider)


def publicity_for(record: Any) -> Publicity | None:
    for provider in _providers:
        block = provider(record)
        if block is not None:
            return block
    return None
