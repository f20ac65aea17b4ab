"""6. Login: auth.services.authenticate with the production Argon2 parameters.

That is the password check plus the unwrap of the staff private key, both Argon2id with
crypto.PRODUCTION_PASSWORD_PARAMS (what KDF_PARAMS["production"] resolves to).
"""

from __future__ import annotations

import time

from sqlalchemy.orm import Session

from bench.common import Figure, Results, make_focal_point, make_instance, median

TARGET_S = 1.0


def run(results: Results, backends: list[str], *, quick: bool) -> None:
    del backends  # Argon2 dominates; the database is SQLite whatever the backend
    from auth.services import authenticate  # noqa: PLC0415
    from keyring.services import KDF_PARAMS  # noqa: PLC0415

    instance = make_instance("login", "sqlite")
    try:
        email, password, _ = make_focal_point(instance)
        engine = instance.engine()
        times = []
        with Session(engine) as session:
            for _ in range(3 if quick else 7):
                started = time.perf_counter()
                found = authenticate(session, email, password, KDF_PARAMS["production"])
                times.append(time.perf_counter() - started)
                if found is None:
                    raise RuntimeError("authenticate refused the right password")
                session.rollback()
        engine.dispose()
    finally:
        instance.cleanup()
    value = median(times)
    results.add("login.authenticate_s", Figure(
        value, "s per login (password verify + private-key unwrap)", target=f"< {TARGET_S:g}",
        met=value < TARGET_S, note=f"median of {len(times)}; min {min(times):.3f} s, "
                                   f"max {max(times):.3f} s"))
