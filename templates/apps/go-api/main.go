// Products API of the Kubernetes Starter Stack: net/http + PostgreSQL, Prometheus metrics, JSON logs.
package main

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"os/signal"
	"syscall"
	"time"

	_ "github.com/lib/pq"
)

func env(name, fallback string) string {
	if value, ok := os.LookupEnv(name); ok && value != "" {
		return value
	}
	return fallback
}

// dsn builds the connection URL from the Deployment's DB_* variables; short timeouts keep /readyz within its probe.
func dsn() string {
	u := url.URL{
		Scheme:   "postgres",
		User:     url.UserPassword(env("DB_USER", "products"), os.Getenv("DB_PASSWORD")),
		Host:     fmt.Sprintf("%s:%s", env("DB_HOST", "localhost"), env("DB_PORT", "5432")),
		Path:     "/" + env("DB_NAME", "products"),
		RawQuery: "sslmode=disable&connect_timeout=2&application_name=starter-go-api",
	}
	return u.String()
}

// healthcheck is `go-api healthcheck`: the image has no shell or curl, so compose's healthcheck runs the binary.
func healthcheck(port string) int {
	client := http.Client{Timeout: 2 * time.Second}
	resp, err := client.Get("http://127.0.0.1:" + port + "/healthz")
	if err != nil || resp.StatusCode != http.StatusOK {
		return 1
	}
	return 0
}

func main() {
	port := env("PORT", "8080")
	if len(os.Args) > 1 && os.Args[1] == "healthcheck" {
		os.Exit(healthcheck(port))
	}
	log := NewLogger(os.Stdout)
	db, err := sql.Open("postgres", dsn())
	if err != nil {
		log.Error("bad database settings", Fields{"error": err})
		os.Exit(1)
	}
	db.SetMaxOpenConns(10)
	db.SetConnMaxIdleTime(5 * time.Minute)
	store := NewStore(db)

	// Schema on start; if the database is not up yet, the first /readyz or request creates it.
	startCtx, cancelStart := context.WithTimeout(context.Background(), 3*time.Second)
	if err := store.EnsureSchema(startCtx); err != nil {
		log.Warn("database not reachable at start; will retry", Fields{"error": err})
	}
	cancelStart()

	api := NewAPI(env("BASE_PATH", ""), store, NewMetrics(), log)
	server := &http.Server{
		Addr:              ":" + port,
		Handler:           api,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       15 * time.Second,
		WriteTimeout:      15 * time.Second,
		IdleTimeout:       60 * time.Second,
	}

	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, syscall.SIGINT)
	defer stop()
	go func() {
		log.Info("listening", Fields{"port": port, "basePath": env("BASE_PATH", "/")})
		if err := server.ListenAndServe(); err != nil && !errors.Is(err, http.ErrServerClosed) {
			log.Error("server failed", Fields{"error": err})
			os.Exit(1)
		}
	}()

	<-ctx.Done()
	// SIGTERM: fail readiness, let in-flight requests finish (up to 10 s), close the pool, exit 0.
	api.shuttingDown.Store(true)
	log.Info("shutting down", nil)
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := server.Shutdown(shutdownCtx); err != nil {
		log.Error("forced shutdown: requests still open", Fields{"error": err})
	}
	db.Close()
	log.Info("stopped", nil)
}
