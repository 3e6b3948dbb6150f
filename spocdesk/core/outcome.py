"""What a service returns. Each public service function in the domain packages is
one user action: it opens a unit of work on the store, commits once, and returns an
:class:`Outcome` (its value and the change-set the views refresh on)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

from spocdesk.core.uow import ChangeSet

T = TypeVar("T")


@dataclass(frozen=True)
class Outcome(Generic[T]):
    """A service's result plus the change-set views refresh on."""

    value: T
    changes: ChangeSet
