"""audit trail

Append-only tables for the hash-chained audit trail (audit.models). The database refuses
UPDATE, DELETE and TRUNCATE on them with triggers: defence in depth only, since whoever can drop
a trigger can also rewrite rows, which is why the chain and its signed checkpoints exist.

SQLite note: a later batch_alter_table on these tables rebuilds them and loses the triggers;
such a migration must recreate them (see _sqlite_triggers).

Revision ID: 02a4cc618d21
Revises: 74cbc2f3c683
Create Date: 2026-11-25 13:12:37.804087
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import db

revision: str = '02a4cc618d21'
down_revision: str | None = '74cbc2f3c683'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


_TABLES = ("audit_events", "audit_checkpoints")

_PG_FUNCTION = """
CREATE FUNCTION audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the audit trail is append-only: % on % refused', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END
$$
"""


def _sqlite_triggers(table: str) -> list[tuple[str, str]]:
    return [
        (f"{table}_no_{verb.lower()}",
         f"CREATE TRIGGER {table}_no_{verb.lower()} BEFORE {verb} ON {table} "
         f"BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only: {verb} on {table} refused'); END")
        for verb in ("UPDATE", "DELETE")
    ]


def _create_guards() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "postgresql":
        op.execute(_PG_FUNCTION)
        for table in _TABLES:
            op.execute(f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
                       "FOR EACH ROW EXECUTE FUNCTION audit_append_only()")
            op.execute(f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
                       "FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only()")
    elif dialect == "sqlite":
        for table in _TABLES:
            for _, sql in _sqlite_triggers(table):
                op.execute(sql)


def _drop_guards() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "postgresql":
        for table in _TABLES:
            op.execute(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}")
            op.execute(f"DROP TRIGGER IF EXISTS {table}_no_truncate ON {table}")
        op.execute("DROP FUNCTION IF EXISTS audit_append_only()")
    elif dialect == "sqlite":
        for table in _TABLES:
            for name, _ in _sqlite_triggers(table):
                op.execute(f"DROP TRIGGER IF EXISTS {name}")


def upgrade() -> None:
    op.create_table('audit_checkpoints',
    sa.Column('seq', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('event_hash', sa.LargeBinary(length=32), nullable=False),
    sa.Column('signed_at', db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('signature', sa.LargeBinary(length=64), nullable=False),
    sa.Column('public_key', sa.LargeBinary(length=32), nullable=False),
    sa.PrimaryKeyConstraint('seq', name=op.f('pk_audit_checkpoints'))
    )
    op.create_table('audit_events',
    sa.Column('seq', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('occurred_at', db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('actor_kind', sa.Enum('staff', 'reporter', 'system', name='actorkind', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('actor_role', sa.String(length=64), nullable=True),
    # audit.actions.Action, deliberately without a CHECK constraint (see audit.models).
    sa.Column('action', sa.String(length=64), nullable=False),
    sa.Column('case_ref', sa.String(length=64), nullable=True),
    sa.Column('network', sa.String(length=64), nullable=True),
    # audit.models.CanonicalJSON: canonical JSON text, exactly as hashed.
    sa.Column('details', sa.Text(), nullable=False),
    sa.Column('body', sa.LargeBinary(), nullable=False),
    sa.Column('prev_hash', sa.LargeBinary(length=32), nullable=False),
    sa.Column('hash', sa.LargeBinary(length=32), nullable=False),
    sa.PrimaryKeyConstraint('seq', name=op.f('pk_audit_events'))
    )
    with op.batch_alter_table('audit_events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_audit_events_action'), ['action'], unique=False)
        batch_op.create_index(batch_op.f('ix_audit_events_case_ref'), ['case_ref'], unique=False)
        batch_op.create_index(batch_op.f('ix_audit_events_network'), ['network'], unique=False)
        batch_op.create_index(batch_op.f('ix_audit_events_occurred_at'), ['occurred_at'], unique=False)
    _create_guards()


def downgrade() -> None:
    _drop_guards()
    with op.batch_alter_table('audit_events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_audit_events_occurred_at'))
        batch_op.drop_index(batch_op.f('ix_audit_events_network'))
        batch_op.drop_index(batch_op.f('ix_audit_events_case_ref'))
        batch_op.drop_index(batch_op.f('ix_audit_events_action'))
    op.drop_table('audit_events')
    op.drop_table('audit_checkpoints')
