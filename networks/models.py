"""The network's structure: one global secretariat, regional and national networks."""

from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import JSON, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from db import Base, enum_type, utcnow


class NetworkKind(enum.StrEnum):
    GLOBAL = "global"
    REGIONAL = "regional"
    NATIONAL = "national"


class Network(Base):
    __tablename__ = "networks"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[NetworkKind] = mapped_column(enum_type(NetworkKind))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("networks.id"))
    country: Mapped[str | None] = mapped_column(String(2))
    active: Mapped[bool] = mapped_column(default=True)
    # Accountability Standards clocks; EU 2019/1937 Art. 9(1)(b) and (f) set the defaults.
    ack_days: Mapped[int] = mapped_column(default=7)
    feedback_days: Mapped[int] = mapped_column(default=90)
    urgent_triage_hours: Mapped[int] = mapped_column(default=24)
    # Days a closed case is kept, by outcome ("default" for the rest); empty: the defaults
    # of cases.retention apply.
    retention_days: Mapped[dict[str, int]] = mapped_column(JSON, default=dict)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)

    parent: Mapped[Network | None] = relationship(remote_side=[id])

    def __repr__(self) -> str:
        return f"<Network {self.slug}>"
