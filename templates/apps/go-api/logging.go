package main

import (
	"encoding/json"
	"io"
	"sync"
	"time"
)

// Logger writes one JSON object per line (time, level, msg, fields): what Loki reads.
// Hand-written because log/slog needs Go 1.21 and the code also builds with older toolchains.
type Logger struct {
	mu  sync.Mutex
	out io.Writer
}

// Fields are extra key/values on a log line.
type Fields map[string]interface{}

func NewLogger(out io.Writer) *Logger { return &Logger{out: out} }

func (l *Logger) log(level, msg string, fields Fields) {
	entry := make(map[string]interface{}, len(fields)+4)
	for k, v := range fields {
		if err, ok := v.(error); ok {
			v = err.Error()
		}
		entry[k] = v
	}
	entry["time"] = time.Now().UTC().Format(time.RFC3339Nano)
	entry["level"] = level
	entry["msg"] = msg
	entry["service"] = "go-api"
	line, err := json.Marshal(entry)
	if err != nil {
		line = []byte(`{"level":"error","msg":"unloggable fields"}`)
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	l.out.Write(append(line, '\n'))
}

func (l *Logger) Info(msg string, fields Fields)  { l.log("info", msg, fields) }
func (l *Logger) Warn(msg string, fields Fields)  { l.log("warn", msg, fields) }
func (l *Logger) Error(msg string, fields Fields) { l.log("error", msg, fields) }
