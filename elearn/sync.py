"""What an idempotent write did to one record, and how many of each a sync made."""

from dataclasses import dataclass

CREATED = "created"
UPDATED = "updated"
UNCHANGED = "unchanged"


@dataclass
class SyncCounts:
    """How many records a sync created, updated and left unchanged.

    Unpacks as a tuple: ``created, updated, unchanged = counts``.
    """

    created: int = 0
    updated: int = 0
    unchanged: int = 0

    def record(self, status):
        setattr(self, status, getattr(self, status) + 1)

    def __iter__(self):
        return iter((self.created, self.updated, self.unchanged))

    def __add__(self, other):
        return SyncCounts(*(mine + theirs for mine, theirs in zip(self, other, strict=True)))

    @property
    def changed(self):
        return self.created + self.updated

    def __str__(self):
        return f"{self.created} created, {self.updated} updated, {self.unchanged} unchanged"
