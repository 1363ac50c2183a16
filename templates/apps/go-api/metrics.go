package main

import (
	"net/http"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Metrics holds the request metrics the Grafana dashboard reads, plus the process collector
// (process_cpu_seconds_total, process_resident_memory_bytes, process_start_time_seconds).
type Metrics struct {
	registry *prometheus.Registry
	requests *prometheus.CounterVec
	duration *prometheus.HistogramVec
}

func NewMetrics() *Metrics {
	labels := []string{"method", "route", "status"}
	m := &Metrics{
		registry: prometheus.NewRegistry(),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "http_requests_total",
			Help: "HTTP requests handled, by method, route template and status code.",
		}, labels),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "http_request_duration_seconds",
			Help:    "HTTP request latency in seconds, by method, route template and status code.",
			Buckets: []float64{0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5},
		}, labels),
	}
	m.registry.MustRegister(
		m.requests, m.duration,
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
		collectors.NewGoCollector(),
	)
	return m
}

func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.registry, promhttp.HandlerOpts{})
}

// statusRecorder remembers the status code a handler wrote.
type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (r *statusRecorder) WriteHeader(code int) {
	r.status = code
	r.ResponseWriter.WriteHeader(code)
}

// Observe times one request and records it under its route template (never the raw path).
func (m *Metrics) Observe(route string, log *Logger, w http.ResponseWriter, r *http.Request, handler http.HandlerFunc) {
	started := time.Now()
	rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
	handler(rec, r)
	elapsed := time.Since(started)
	status := strconv.Itoa(rec.status)
	m.requests.WithLabelValues(r.Method, route, status).Inc()
	m.duration.WithLabelValues(r.Method, route, status).Observe(elapsed.Seconds())
	log.Info("request", Fields{"method": r.Method, "route": route, "status": status, "path": r.URL.Path, "duration_ms": elapsed.Milliseconds()})
}
