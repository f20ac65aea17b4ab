"""Soak: load, fault and recovery scenarios against real gunicorn servers (`make soak`).

Everything runs on loopback, against a PostgreSQL cluster that the soak creates and starts
itself in a temporary folder (never the machine's own server), and is bounded in time and
in count. See soak/run.py.
"""
