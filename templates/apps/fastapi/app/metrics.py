"""Prometheus metrics: request count and latency by method, route template and status, plus process metrics."""
import logging
import time
from typing import Any, Callable, Dict

from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Histogram, ProcessCollector, generate_latest
from starlette.routing import Match

log = logging.getLogger("app.http")

# Probes and scrapes every few seconds would drown the request panels; they are not counted.
UNCOUNTED = {"/healthz", "/readyz", "/metrics"}


class Metrics:
    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        # process_cpu_seconds_total, process_resident_memory_bytes, process_start_time_seconds, ...
        ProcessCollector(registry=self.registry)
        labels = ("method", "route", "status")
        self.requests = Counter("http_requests_total", "HTTP requests handled, by method, route template and status code.", labels, registry=self.registry)
        self.duration = Histogram(
            "http_request_duration_seconds", "HTTP request latency in seconds, by method, route template and status code.", labels,
            buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5), registry=self.registry,
        )

    def exposition(self) -> bytes:
        return generate_latest(self.registry)

    content_type = CONTENT_TYPE_LATEST


def route_of(routes: Any, scope: Dict[str, Any]) -> str:
    """The route template (`/api-python/items/{item_id}`), never the raw path, so label values stay few."""
    for route in routes:
        match, _ = route.matches(scope)
        if match == Match.FULL:
            return route.path
    return "unmatched"


class MetricsMiddleware:
    """Plain ASGI middleware (works the same on old and new Starlette): times, counts and logs each request."""

    def __init__(self, app: Any, metrics: Metrics, routes_of: Callable[[], Any]) -> None:
        self.app = app
        self.metrics = metrics
        self.routes_of = routes_of

    async def __call__(self, scope: Dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http" or scope["path"] in UNCOUNTED:
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = {"code": 500}

        async def send_wrapper(message: Dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                status["code"] = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, send_wrapper)
        finally:
            elapsed = time.perf_counter() - started
            labels = {"method": scope["method"], "route": route_of(self.routes_of(), scope), "status": str(status["code"])}
            self.metrics.requests.labels(**labels).inc()
            self.metrics.duration.labels(**labels).observe(elapsed)
            log.info("request", extra={**labels, "path": scope["path"], "duration_ms": round(elapsed * 1000)})
