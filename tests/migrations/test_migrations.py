"""Migrations build exactly the models, in one line of history, and can be undone."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect

import db
import migrations
from tests.conftest import FreshDatabase


def test_upgrade_head_matches_the_models(fresh_database: FreshDatabase) -> None:
    with fresh_database.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        diff = compare_metadata(context, db.import_all_models())
    assert diff == []


def test_history_is_linear() -> None:
    script = ScriptDirectory.from_config(migrations.alembic_config())
    heads = script.get_heads()
    assert len(heads) == 1
    bases = script.get_bases()
    assert len(bases) == 1


def test_downgrade_to_base_removes_every_table(fresh_database: FreshDatabase) -> None:
    with fresh_database.engine.connect() as connection:
        migrations.downgrade(connection, "base")
        connection.commit()
        tables = set(inspect(connection).get_table_names()) - {"alembic_version"}
        assert tables == set()
        migrations.upgrade(connection)
        connection.commit()
        assert "cases" in inspect(connection).get_table_names()
