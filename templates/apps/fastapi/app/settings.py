"""Configuration from the environment: the same names the Deployment's ConfigMap and Secret set."""
import os
from dataclasses import dataclass


@dataclass(frozen=True)
class Settings:
    port: int
    base_path: str
    db_host: str
    db_port: int
    db_name: str
    db_user: str
    db_password: str
    log_level: str

    @staticmethod
    def from_env() -> "Settings":
        env = os.environ
        return Settings(
            port=int(env.get("PORT", "8000")),
            # The API serves under its Ingress prefix (no rewrite in the Ingress); "" serves at the root.
            base_path=env.get("BASE_PATH", "").rstrip("/"),
            db_host=env.get("DB_HOST", "localhost"),
            db_port=int(env.get("DB_PORT", "5432")),
            db_name=env.get("DB_NAME", "items"),
            db_user=env.get("DB_USER", "items"),
            db_password=env.get("DB_PASSWORD", ""),
            log_level=env.get("LOG_LEVEL", "info").upper(),
        )
