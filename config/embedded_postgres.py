"""An embedded PostgreSQL (the ``pgserver`` package) for machines without a database server.

Used only by the development and test settings, and only when ``DATABASE_URL`` is unset (production refuses to
start without it, config/settings/base.py): the data lives under ``var/pgdata`` and the server keeps running
between commands, so ``manage.py`` calls and test runs share it. ``make run`` stops it on Ctrl-C.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

logger = logging.getLogger(__name__)
# pgserver reports every handle it drops at interpreter exit, after test runners have closed their streams.
logging.getLogger("pgserver").setLevel(logging.WARNING)

DATA_DIR = Path(__file__).resolve().parent.parent / "var" / "pgdata"


def database_url(data_dir: Path = DATA_DIR) -> str:
    """Start (or reuse) the embedded server and return a libpq URL for it."""
    import pgserver

    data_dir.mkdir(parents=True, exist_ok=True)
    server = pgserver.get_server(data_dir, cleanup_mode=None)
    uri = server.get_uri()
    # pgserver answers with "postgresql://postgres:@/postgres?host=<socket dir>"; django-environ wants the
    # socket directory as the host part.
    socket_dir = uri.split("host=", 1)[1]
    return f"postgres://postgres@{socket_dir.replace('/', '%2F')}/postgres"


def stop(data_dir: Path = DATA_DIR) -> None:
    """Stop the embedded server if it runs (Ctrl-C in ``make run``)."""
    import pgserver

    if (data_dir / "postmaster.pid").exists():
        server = pgserver.get_server(data_dir, cleanup_mode=None)
        # pg_ctl directly: pgserver only stops on its last handle, and killed children leave stale handles behind.
        pgserver.pg_ctl(["-w", "stop"], pgdata=data_dir, user=server.system_user)


def use_when_no_database_url() -> None:
    """Point ``DATABASE_URL`` at the embedded server when it is unset, before the settings read it.

    The variable is set in the environment, so child processes (worker, beat, runserver) reuse the same server;
    ``SILTA_EMBEDDED_POSTGRES`` tells ``devserve`` to stop it on Ctrl-C.
    """
    if os.environ.get("DATABASE_URL"):
        return
    os.environ["DATABASE_URL"] = database_url()
    os.environ["SILTA_EMBEDDED_POSTGRES"] = "1"
