"""Alembic environment: runs on the connection the caller hands over, or DATABASE_URL."""

from __future__ import annotations

from alembic import context

import db
from config import Settings, load_instance_env

target_metadata = db.import_all_models()


def run_migrations_online() -> None:
    connection = context.config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    load_instance_env()
    engine = db.make_engine(Settings.from_env().database_url)
    with engine.connect() as conn:
        _run(conn)
        conn.commit()


def _run(connection: object) -> None:
    context.configure(
        connection=connection,  # type: ignore[arg-type]
        target_metadata=target_metadata,
        render_as_batch=True,  # SQLite needs table rebuilds to alter columns
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


run_migrations_online()
