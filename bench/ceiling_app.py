"""The intake ceiling: a minimal Flask handler that inserts one plaintext row per request.

Served by the same gunicorn command as the app (`gunicorn ... 'bench.ceiling_app:make_app()'`),
on the same database with the same engine settings (db.make_engine: WAL, synchronous=NORMAL and
BEGIN IMMEDIATE on SQLite; a pooled psycopg connection on PostgreSQL), so the gap between the two
is what Redevable's own work costs.
"""

from __future__ import annotations

import os

from flask import Flask, request
from sqlalchemy import Column, Integer, MetaData, Table, Text, insert, text

import db
from config import Settings

metadata = MetaData()
rows = Table("bench_ceiling_rows", metadata, Column("id", Integer, primary_key=True),
             Column("body", Text, nullable=False))


def create_table(database_url: str) -> None:
    """Called by the bench before the server starts (not by the workers, which would race)."""
    engine = db.make_engine(database_url)
    metadata.create_all(engine)
    engine.dispose()


def make_app() -> Flask:
    settings = Settings.from_env(os.environ)
    engine = db.make_engine(settings.database_url)
    app = Flask(__name__)

    @app.get("/healthz")
    def healthz() -> str:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
        return "ok"

    @app.post("/insert")
    def insert_row() -> str:
        with engine.begin() as connection:
            connection.execute(insert(rows).values(body=request.form.get("text", "")))
        return "ok"

    return app

