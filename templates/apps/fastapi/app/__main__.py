"""Entry point: `python -m app`. uvicorn handles SIGTERM: it stops accepting, finishes open requests, then we close the pool."""
import logging

import psycopg2
import uvicorn

from . import logs
from .db import Database
from .main import create_app
from .settings import Settings


def main() -> None:
    settings = Settings.from_env()
    logs.configure(settings.log_level)
    log = logging.getLogger("app")
    db = Database(settings)
    # Schema on start; if the database is not up yet, the first /readyz or request creates it.
    try:
        db.ensure_schema()
    except psycopg2.Error as error:
        log.warning("database not reachable at start; will retry", extra={"error": str(error).strip()})
    app = create_app(settings, db)
    config = uvicorn.Config(app, host="0.0.0.0", port=settings.port, log_config=None, access_log=False, server_header=False)
    server = uvicorn.Server(config)
    log.info("listening", extra={"port": settings.port, "basePath": settings.base_path or "/"})
    server.run()
    app.state.shutting_down = True
    db.close()
    log.info("stopped")


if __name__ == "__main__":
    main()
