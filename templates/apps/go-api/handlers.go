package main

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"sync/atomic"
	"time"
)

// API serves /products under its base path (the Ingress prefix, e.g. /api-go: the Ingress does not rewrite)
// and /healthz, /readyz, /metrics at the root for the kubelet and Prometheus.
type API struct {
	basePath     string
	store        *Store
	metrics      *Metrics
	log          *Logger
	shuttingDown atomic.Bool
}

func NewAPI(basePath string, store *Store, metrics *Metrics, log *Logger) *API {
	return &API{basePath: strings.TrimRight(basePath, "/"), store: store, metrics: metrics, log: log}
}

func (a *API) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	switch r.URL.Path {
	case "/healthz":
		writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
		return
	case "/readyz":
		a.readyz(w, r)
		return
	case "/metrics":
		a.metrics.Handler().ServeHTTP(w, r)
		return
	}
	route, handler := a.route(r)
	a.metrics.Observe(route, a.log, w, r, handler)
}

// route picks the handler and the route template used as the metrics label.
func (a *API) route(r *http.Request) (string, http.HandlerFunc) {
	collection := a.basePath + "/products"
	switch {
	case r.URL.Path == collection:
		switch r.Method {
		case http.MethodGet:
			return collection, a.list
		case http.MethodPost:
			return collection, a.create
		}
		return collection, methodNotAllowed
	case strings.HasPrefix(r.URL.Path, collection+"/") && !strings.Contains(r.URL.Path[len(collection)+1:], "/"):
		one := collection + "/{id}"
		switch r.Method {
		case http.MethodGet:
			return one, a.get
		case http.MethodPut:
			return one, a.update
		case http.MethodDelete:
			return one, a.delete
		}
		return one, methodNotAllowed
	}
	return "unmatched", func(w http.ResponseWriter, _ *http.Request) {
		writeJSON(w, http.StatusNotFound, map[string]string{"error": "not found"})
	}
}

func (a *API) readyz(w http.ResponseWriter, r *http.Request) {
	if a.shuttingDown.Load() {
		writeJSON(w, http.StatusServiceUnavailable, map[string]string{"status": "shutting down"})
		return
	}
	ctx, cancel := context.WithTimeout(r.Context(), 1500*time.Millisecond)
	defer cancel()
	if err := a.store.Ping(ctx); err != nil {
		a.log.Warn("not ready: database does not answer", Fields{"error": err})
		writeJSON(w, http.StatusServiceUnavailable, map[string]string{"status": "database unavailable"})
		return
	}
	writeJSON(w, http.StatusOK, map[string]string{"status": "ready"})
}

func (a *API) list(w http.ResponseWriter, r *http.Request) {
	products, err := a.store.List(r.Context(), 100)
	a.respond(w, http.StatusOK, products, err)
}

func (a *API) get(w http.ResponseWriter, r *http.Request) {
	id, ok := a.id(w, r)
	if !ok {
		return
	}
	product, err := a.store.Get(r.Context(), id)
	a.respond(w, http.StatusOK, product, err)
}

func (a *API) create(w http.ResponseWriter, r *http.Request) {
	in, ok := decodeInput(w, r, false)
	if !ok {
		return
	}
	product, err := a.store.Create(r.Context(), in)
	a.respond(w, http.StatusCreated, product, err)
}

func (a *API) update(w http.ResponseWriter, r *http.Request) {
	id, ok := a.id(w, r)
	if !ok {
		return
	}
	in, ok := decodeInput(w, r, true)
	if !ok {
		return
	}
	product, err := a.store.Update(r.Context(), id, in)
	a.respond(w, http.StatusOK, product, err)
}

func (a *API) delete(w http.ResponseWriter, r *http.Request) {
	id, ok := a.id(w, r)
	if !ok {
		return
	}
	if err := a.store.Delete(r.Context(), id); err != nil {
		a.respond(w, 0, nil, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

func (a *API) id(w http.ResponseWriter, r *http.Request) (int64, bool) {
	raw := r.URL.Path[strings.LastIndex(r.URL.Path, "/")+1:]
	id, err := strconv.ParseInt(raw, 10, 64)
	if err != nil || id < 1 {
		writeJSON(w, http.StatusNotFound, map[string]string{"error": "product not found"})
		return 0, false
	}
	return id, true
}

// respond maps store errors: not found → 404, anything else (the database) → 503.
func (a *API) respond(w http.ResponseWriter, status int, body interface{}, err error) {
	switch {
	case errors.Is(err, ErrNotFound):
		writeJSON(w, http.StatusNotFound, map[string]string{"error": "product not found"})
	case err != nil:
		a.log.Error("database error", Fields{"error": err})
		writeJSON(w, http.StatusServiceUnavailable, map[string]string{"error": "the products database is unavailable"})
	default:
		writeJSON(w, status, body)
	}
}

func decodeInput(w http.ResponseWriter, r *http.Request, partial bool) (ProductInput, bool) {
	var in ProductInput
	decoder := json.NewDecoder(http.MaxBytesReader(w, r.Body, 16<<10))
	decoder.DisallowUnknownFields()
	if err := decoder.Decode(&in); err != nil {
		writeJSON(w, http.StatusBadRequest, map[string]string{"error": "body must be a JSON object with name, price and stock: " + err.Error()})
		return in, false
	}
	if problem := validate(in, partial); problem != "" {
		writeJSON(w, http.StatusBadRequest, map[string]string{"error": problem})
		return in, false
	}
	return in, true
}

func validate(in ProductInput, partial bool) string {
	switch {
	case !partial && in.Name == nil:
		return "name is required"
	case in.Name != nil && strings.TrimSpace(*in.Name) == "":
		return "name must be a non-empty string"
	case in.Price != nil && *in.Price < 0:
		return "price must be ≥ 0"
	case in.Stock != nil && *in.Stock < 0:
		return "stock must be ≥ 0"
	case partial && in.Name == nil && in.Price == nil && in.Stock == nil:
		return "nothing to update: give name, price and/or stock"
	}
	return ""
}

func methodNotAllowed(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, http.StatusMethodNotAllowed, map[string]string{"error": "method not allowed"})
}

func writeJSON(w http.ResponseWriter, status int, body interface{}) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(body)
}
