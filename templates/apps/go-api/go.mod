module github.com/starter-stack/go-api

go 1.22

require (
	github.com/lib/pq v1.10.9
	github.com/prometheus/client_golang v1.20.5
)
