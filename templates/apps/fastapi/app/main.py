"""The HTTP layer: /items CRUD under BASE_PATH; /healthz, /readyz and /metrics at the root."""
import logging
from typing import Any, Dict, Optional

import psycopg2
from fastapi import APIRouter, FastAPI, HTTPException, Request, Response
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from .db import Database
from .metrics import Metrics, MetricsMiddleware
from .settings import Settings

log = logging.getLogger("app")


class ItemIn(BaseModel):
    name: str = Field(..., min_length=1, max_length=200)
    description: str = Field("", max_length=2000)
    price: float = Field(0, ge=0)


class ItemUpdate(BaseModel):
    name: Optional[str] = Field(None, min_length=1, max_length=200)
    description: Optional[str] = Field(None, max_length=2000)
    price: Optional[float] = Field(None, ge=0)


def fields_of(model: BaseModel) -> Dict[str, Any]:
    """The fields the client sent (pydantic 2's model_dump, or pydantic 1's dict on Debian's FastAPI)."""
    dump = getattr(model, "model_dump", None)
    values = dump(exclude_unset=True) if dump else model.dict(exclude_unset=True)
    return {k: v for k, v in values.items() if v is not None}


def create_app(settings: Settings, db: Database) -> FastAPI:
    app = FastAPI(title="Starter Stack items API", version="0.1.0", docs_url=f"{settings.base_path}/docs",
                  openapi_url=f"{settings.base_path}/openapi.json", redoc_url=None)
    metrics = Metrics()
    app.add_middleware(MetricsMiddleware, metrics=metrics, routes_of=lambda: app.routes)
    app.state.shutting_down = False

    @app.exception_handler(psycopg2.Error)
    async def database_unavailable(_request: Request, error: psycopg2.Error) -> JSONResponse:
        log.error("database error", extra={"error": str(error).strip()})
        return JSONResponse({"error": "the items database is unavailable"}, status_code=503)

    @app.get("/healthz")
    def healthz() -> Dict[str, str]:
        return {"status": "ok"}

    @app.get("/readyz")
    def readyz() -> Response:
        if app.state.shutting_down:
            return JSONResponse({"status": "shutting down"}, status_code=503)
        try:
            db.ping()
        except psycopg2.Error as error:
            log.warning("not ready: database does not answer", extra={"error": str(error).strip()})
            return JSONResponse({"status": "database unavailable"}, status_code=503)
        return JSONResponse({"status": "ready"})

    @app.get("/metrics")
    def metrics_endpoint() -> Response:
        return Response(metrics.exposition(), media_type=metrics.content_type)

    api = APIRouter(prefix=settings.base_path)

    @api.get("/items")
    def list_items() -> Any:
        return db.list_items()

    @api.post("/items", status_code=201)
    def create_item(item: ItemIn) -> Any:
        return db.create_item(fields_of(item))

    @api.get("/items/{item_id}")
    def get_item(item_id: int) -> Any:
        item = db.get_item(item_id)
        if item is None:
            raise HTTPException(status_code=404, detail="item not found")
        return item

    @api.put("/items/{item_id}")
    def update_item(item_id: int, update: ItemUpdate) -> Any:
        fields = fields_of(update)
        if not fields:
            raise HTTPException(status_code=400, detail="nothing to update: give name, description and/or price")
        item = db.update_item(item_id, fields)
        if item is None:
            raise HTTPException(status_code=404, detail="item not found")
        return item

    @api.delete("/items/{item_id}", status_code=204)
    def delete_item(item_id: int) -> Response:
        if not db.delete_item(item_id):
            raise HTTPException(status_code=404, detail="item not found")
        return Response(status_code=204)

    app.include_router(api)
    return app
