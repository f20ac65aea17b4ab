"""Entry point for gunicorn and `flask --app wsgi`: the one place that reads the environment."""

from config import Settings, load_instance_env
from web import create_app

load_instance_env()
app = create_app(Settings.from_env())
