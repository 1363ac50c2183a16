"""PostgreSQL access with psycopg2: a small thread-safe pool, the schema, and the item queries."""
import logging
import threading
from contextlib import contextmanager
from typing import Any, Dict, Iterator, List, Optional

import psycopg2
import psycopg2.extras
import psycopg2.pool

from .settings import Settings

log = logging.getLogger("app.db")

SCHEMA = """
CREATE TABLE IF NOT EXISTS items (
    id          SERIAL PRIMARY KEY,
    name        TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    price       NUMERIC(10, 2) NOT NULL DEFAULT 0 CHECK (price >= 0),
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
)
"""

COLUMNS = "id, name, description, price, created_at"


def _to_json(row: Dict[str, Any]) -> Dict[str, Any]:
    return {
        "id": row["id"],
        "name": row["name"],
        "description": row["description"],
        "price": float(row["price"]),
        "createdAt": row["created_at"].isoformat(),
    }


class Database:
    """Connects lazily, so the process starts (and /healthz answers) while the database is still down."""

    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self._pool: Optional[psycopg2.pool.ThreadedConnectionPool] = None
        self._lock = threading.Lock()
        self._schema_ready = False

    def _get_pool(self) -> psycopg2.pool.ThreadedConnectionPool:
        with self._lock:
            if self._pool is None:
                s = self._settings
                self._pool = psycopg2.pool.ThreadedConnectionPool(
                    0, 10,
                    host=s.db_host, port=s.db_port, dbname=s.db_name, user=s.db_user, password=s.db_password,
                    # Short timeouts keep /readyz inside the probe's 2 s.
                    connect_timeout=2, options="-c statement_timeout=5000",
                    application_name="starter-fastapi",
                )
            return self._pool

    @contextmanager
    def cursor(self) -> Iterator[psycopg2.extras.RealDictCursor]:
        """One transaction: committed on success, rolled back on error; a broken connection is discarded."""
        pool = self._get_pool()
        conn = pool.getconn()
        broken = False
        try:
            with conn.cursor(cursor_factory=psycopg2.extras.RealDictCursor) as cur:
                yield cur
            conn.commit()
        except (psycopg2.OperationalError, psycopg2.InterfaceError):
            broken = True
            raise
        except Exception:
            conn.rollback()
            raise
        finally:
            pool.putconn(conn, close=broken or bool(conn.closed))

    def ensure_schema(self) -> None:
        if self._schema_ready:
            return
        with self.cursor() as cur:
            cur.execute(SCHEMA)
        self._schema_ready = True
        log.info("schema ready")

    def ping(self) -> None:
        """Raises unless the database answers (and the schema exists): what /readyz reports."""
        self.ensure_schema()
        with self.cursor() as cur:
            cur.execute("SELECT 1")

    def close(self) -> None:
        with self._lock:
            if self._pool is not None:
                self._pool.closeall()
                self._pool = None

    # Items.
    def list_items(self, limit: int = 100) -> List[Dict[str, Any]]:
        self.ensure_schema()
        with self.cursor() as cur:
            cur.execute(f"SELECT {COLUMNS} FROM items ORDER BY id LIMIT %s", (limit,))
            return [_to_json(r) for r in cur.fetchall()]

    def get_item(self, item_id: int) -> Optional[Dict[str, Any]]:
        self.ensure_schema()
        with self.cursor() as cur:
            cur.execute(f"SELECT {COLUMNS} FROM items WHERE id = %s", (item_id,))
            row = cur.fetchone()
            return _to_json(row) if row else None

    def create_item(self, fields: Dict[str, Any]) -> Dict[str, Any]:
        self.ensure_schema()
        with self.cursor() as cur:
            cur.execute(
                f"INSERT INTO items (name, description, price) VALUES (%s, %s, %s) RETURNING {COLUMNS}",
                (fields["name"], fields.get("description", ""), fields.get("price", 0)),
            )
            return _to_json(cur.fetchone())

    def update_item(self, item_id: int, fields: Dict[str, Any]) -> Optional[Dict[str, Any]]:
        self.ensure_schema()
        # Column names come from the model's fixed field set, never from the request's keys.
        allowed = [c for c in ("name", "description", "price") if c in fields]
        assignments = ", ".join(f"{c} = %s" for c in allowed)
        with self.cursor() as cur:
            cur.execute(
                f"UPDATE items SET {assignments} WHERE id = %s RETURNING {COLUMNS}",
                (*[fields[c] for c in allowed], item_id),
            )
            row = cur.fetchone()
            return _to_json(row) if row else None

    def delete_item(self, item_id: int) -> bool:
        self.ensure_schema()
        with self.cursor() as cur:
            cur.execute("DELETE FROM items WHERE id = %s", (item_id,))
            return cur.rowcount == 1
