"""Database plumbing: the declarative base, engines and the per-request session.

SQLite is the embedded default and PostgreSQL production; the same models and
migrations serve both. Timestamps are always timezone-aware UTC.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
from typing import Any

from flask import current_app, g
from sqlalchemy import (
    DateTime,
    Engine,
    Enum,
    MetaData,
    TypeDecorator,
    create_engine,
    event,
    inspect,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Session, make_transient_to_detached, sessionmaker
from sqlalchemy.pool import StaticPool

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(column_0_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator[dt.datetime]):
    """A timestamp that refuses naive datetimes and always comes back in UTC.

    SQLite keeps no zone, so without this a value written aware would be read
    back naive and comparisons with `now()` would raise or, worse, be wrong.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        value = value.astimezone(dt.UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(
        self, value: dt.datetime | None, dialect: Dialect
    ) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=dt.UTC)
        return value.astimezone(dt.UTC)


def enum_type(enum_cls: type[enum.StrEnum], length: int = 32) -> Enum:
    """Store a StrEnum as its value in a VARCHAR with a CHECK constraint.

    Portable between SQLite and PostgreSQL (no native ENUM type to migrate), and
    a value outside the enum is refused by the database itself.
    """
    return Enum(
        enum_cls,
        native_enum=False,
        create_constraint=True,
        length=length,
        values_callable=lambda members: [m.value for m in members],
        validate_strings=True,
        # No type name: the CHECK constraint then takes the naming convention
        # (ck_<table>_<column>), unique even when one enum serves several columns.
        name=None,
    )


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {dt.datetime: UTCDateTime()}  # noqa: RUF012 - SQLAlchemy reads it


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def new_row_values(obj: Base) -> dict[str, Any]:
    """Every column of a new, unsaved object, for one Core INSERT (the primary key aside).

    Columns left unset take their Python-side default (or NULL) on the object too, so that
    once attached with :func:`attach_inserted` it reads like a freshly loaded row.
    """
    values: dict[str, Any] = {}
    state = obj.__dict__
    for attribute, column_key, default in _insert_columns(type(obj)):
        if attribute in state:
            value = state[attribute]
        else:
            if default is None:
                value = None
            elif default.is_callable:
                value = default.arg(None)
            elif default.is_scalar:
                value = default.arg
            else:  # a SQL expression: the database's value would need reading back
                raise ValueError(f"{column_key}: only Python-side defaults are supported")
            setattr(obj, attribute, value)
        values[column_key] = value
    return values


@functools.cache
def _insert_columns(model: type[Base]) -> tuple[tuple[str, str, Any], ...]:
    """(attribute, column, default) of each column but the primary key, looked up once."""
    return tuple((prop.key, prop.columns[0].key, prop.columns[0].default)
                 for prop in inspect(model).column_attrs if not prop.columns[0].primary_key)


def attach_inserted(session: Session, obj: Base) -> None:
    """Make an object whose row a Core INSERT just wrote persistent in the session.

    Cheaper than the unit of work for rows written once on a hot path; relationships not
    set on the object load on first use.
    """
    make_transient_to_detached(obj)
    session.add(obj)


def make_engine(url: str, **kwargs: Any) -> Engine:
    """Create an engine with the settings each backend needs to be safe."""
    if url.startswith("sqlite"):
        if url in {"sqlite://", "sqlite:///:memory:"}:
            kwargs.setdefault("poolclass", StaticPool)
        kwargs.setdefault("connect_args", {"check_same_thread": False, "timeout": 30})
        # Ciphertext and lookup hashes must not end up in logs through error messages.
        engine = create_engine(url, hide_parameters=True, **kwargs)
        _configure_sqlite(engine)
        return engine
    kwargs.setdefault("pool_pre_ping", True)
    return create_engine(url, hide_parameters=True, **kwargs)


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy, not pysqlite, decide when transactions start, so that
        # SAVEPOINTs work and the transaction below can take the write lock up front.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA busy_timeout=30000")
        # Plaintext never reaches SQLite, but freed pages of ciphertext need not linger either.
        cursor.execute("PRAGMA secure_delete=ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        # IMMEDIATE takes the write lock at BEGIN: a transaction that reads and then
        # writes can never fail half-way with SQLITE_BUSY when another process wrote first.
        # A transaction declared read-only (read_only() below) reads a WAL snapshot instead
        # and never waits for a writer.
        read = connection.get_execution_options().get(READ_ONLY, False)
        connection.exec_driver_sql("BEGIN" if read else "BEGIN IMMEDIATE")


READ_ONLY = "redevable_read_only"


def read_only(session: Session) -> None:
    """Start the session's next transaction as a read that writes nothing.

    On SQLite it then takes no write lock, so pages that only read (the intake form) are
    not queued behind reports being stored. No effect if a transaction is already open
    (it keeps its lock) or on PostgreSQL, where reads never wait for writers anyway.
    """
    if not session.in_transaction():
        session.connection(execution_options={READ_ONLY: True})


def end_read(session: Session) -> None:
    """End a read-only stretch of a request that will write next.

    SQLite: commit, so the snapshot is released and the write that follows takes the write
    lock afresh (read_only above). PostgreSQL: nothing; reads take no lock there, and one
    transaction per request spares a BEGIN, a COMMIT and a connection check-out each time.
    """
    if session.get_bind().dialect.name == "sqlite":
        session.commit()


def session_factory() -> sessionmaker[Session]:
    factory: sessionmaker[Session] = current_app.extensions["redevable.sessionmaker"]
    return factory


def db_session() -> Session:
    """The session of the current request (or app context), created on first use."""
    if "db_session" not in g:
        g.db_session = session_factory()()
    session: Session = g.db_session
    return session


def close_db_session(_exc: BaseException | None = None) -> None:
    session: Session | None = g.pop("db_session", None)
    if session is not None:
        session.close()


# Every module that declares tables; migrations and tests load them all from here.
MODEL_MODULES = (
    "networks.models",
    "auth.models",
    "keyring.models",
    "cases.models",
    "reporting.models",
    "audit.models",
    "auditdesk.models",
)


def import_all_models() -> MetaData:
    import importlib  # noqa: PLC0415 - only migrations and tests need every model at once

    for name in MODEL_MODULES:
        importlib.import_module(name)
    return Base.metadata
