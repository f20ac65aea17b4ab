"""The application factory: configuration, extensions, blueprints, guards."""

from __future__ import annotations

from typing import Any

from flask import Flask
from sqlalchemy.orm import sessionmaker
from werkzeug.middleware.proxy_fix import ProxyFix

import db
from config import Settings
from reporting.uploads import RedevableRequest
from web.access import install_default_deny
from web.errors import install_error_pages
from web.headers import install_security_headers
from web.i18n import babel, select_locale
from web.logs import configure_logging
from web.throttle import make_throttle


def create_app(settings: Settings | None = None, **engine_kwargs: Any) -> Flask:
    """Build the app. `settings` defaults to the process environment (wsgi.py)."""
    settings = settings or Settings.from_env()
    app = Flask(__name__, template_folder="../templates", static_folder="../static")
    app.config.update(
        SETTINGS=settings,
        SECRET_KEY=settings.secret_key,
        TESTING=settings.testing,
        MAX_CONTENT_LENGTH=settings.max_request_bytes,
        # Text fields are small; files stream through reporting.uploads instead.
        MAX_FORM_MEMORY_SIZE=2 * 1024 * 1024,
        MAX_FORM_PARTS=200,
        LANGUAGES=settings.languages,
        BABEL_TRANSLATION_DIRECTORIES="../translations",
        BABEL_DEFAULT_LOCALE="en",
        SESSION_COOKIE_NAME="__Host-session" if settings.cookie_secure else "session",
        SESSION_COOKIE_SECURE=settings.cookie_secure,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_PATH="/",
        SESSION_REFRESH_EACH_REQUEST=False,
        # A reporter may take an hour or more to write; a stale token re-renders the form.
        WTF_CSRF_TIME_LIMIT=8 * 3600,
        WTF_CSRF_SSL_STRICT=False,
        JSON_SORT_KEYS=False,
    )
    if not settings.testing:
        configure_logging(settings.log_level)

    engine = db.make_engine(settings.database_url, **engine_kwargs)
    app.extensions["redevable.engine"] = engine
    app.extensions["redevable.sessionmaker"] = sessionmaker(bind=engine, expire_on_commit=False)
    app.teardown_appcontext(db.close_db_session)

    app.request_class = RedevableRequest
    if settings.trusted_proxies:
        # Without this, behind a proxy every visitor shares one address and one throttle.
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=settings.trusted_proxies)  # type: ignore[method-assign]
    app.extensions["redevable.throttle"] = make_throttle(settings.redis_url, settings.secret_key)
    babel.init_app(app, locale_selector=select_locale)
    install_default_deny(app)
    install_security_headers(app, hsts=settings.cookie_secure)
    install_error_pages(app)

    # Blueprints import app pieces, so they come in last.
    from admin.views import bp as admin_bp  # noqa: PLC0415
    from auditdesk.views import bp as auditdesk_bp  # noqa: PLC0415
    from auth.views import bp as auth_bp  # noqa: PLC0415
    from auth.web import install_staff_auth  # noqa: PLC0415
    from cases.views import bp as cases_bp  # noqa: PLC0415
    from reporting.views import bp as reporting_bp  # noqa: PLC0415
    from stats.views import bp as stats_bp  # noqa: PLC0415
    from web.cli import register_cli  # noqa: PLC0415
    from web.health import bp as health_bp  # noqa: PLC0415
    from web.templating import install_template_helpers  # noqa: PLC0415

    for blueprint in (health_bp, reporting_bp, auth_bp, admin_bp, cases_bp, auditdesk_bp,
                      stats_bp):
        app.register_blueprint(blueprint)
    install_staff_auth(app)
    install_template_helpers(app)
    register_cli(app)
    app.jinja_env.globals["languages"] = settings.languages
    app.jinja_env.policies["ext.i18n.trimmed"] = True
    return app
