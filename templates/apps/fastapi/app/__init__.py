"""Items API of the Kubernetes Starter Stack: FastAPI + PostgreSQL, Prometheus metrics, JSON logs."""
