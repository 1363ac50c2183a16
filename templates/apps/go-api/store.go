package main

import (
	"context"
	"database/sql"
	"errors"
	"sync"
	"time"
)

const schema = `CREATE TABLE IF NOT EXISTS products (
    id         BIGSERIAL PRIMARY KEY,
    name       TEXT NOT NULL,
    price      NUMERIC(10, 2) NOT NULL DEFAULT 0 CHECK (price >= 0),
    stock      INTEGER NOT NULL DEFAULT 0 CHECK (stock >= 0),
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
)`

const columns = "id, name, price, stock, created_at"

// Product is one row of the products table, as the API returns it.
type Product struct {
	ID        int64     `json:"id"`
	Name      string    `json:"name"`
	Price     float64   `json:"price"`
	Stock     int64     `json:"stock"`
	CreatedAt time.Time `json:"createdAt"`
}

// ProductInput is a create (all of name, price and stock) or a partial update (only the fields sent).
type ProductInput struct {
	Name  *string  `json:"name"`
	Price *float64 `json:"price"`
	Stock *int64   `json:"stock"`
}

// ErrNotFound is returned when no product has the id.
var ErrNotFound = errors.New("product not found")

// Store runs the product queries; it creates the schema on first use once the database answers.
type Store struct {
	db          *sql.DB
	schemaMu    sync.Mutex
	schemaReady bool
}

func NewStore(db *sql.DB) *Store { return &Store{db: db} }

func (s *Store) EnsureSchema(ctx context.Context) error {
	s.schemaMu.Lock()
	defer s.schemaMu.Unlock()
	if s.schemaReady {
		return nil
	}
	if _, err := s.db.ExecContext(ctx, schema); err != nil {
		return err
	}
	s.schemaReady = true
	return nil
}

// Ping fails unless the database answers and the schema exists: what /readyz reports.
func (s *Store) Ping(ctx context.Context) error {
	if err := s.EnsureSchema(ctx); err != nil {
		return err
	}
	return s.db.PingContext(ctx)
}

type scanner interface {
	Scan(dest ...interface{}) error
}

func scanProduct(row scanner) (Product, error) {
	var p Product
	err := row.Scan(&p.ID, &p.Name, &p.Price, &p.Stock, &p.CreatedAt)
	if errors.Is(err, sql.ErrNoRows) {
		return p, ErrNotFound
	}
	return p, err
}

func (s *Store) List(ctx context.Context, limit int) ([]Product, error) {
	if err := s.EnsureSchema(ctx); err != nil {
		return nil, err
	}
	rows, err := s.db.QueryContext(ctx, "SELECT "+columns+" FROM products ORDER BY id LIMIT $1", limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	products := []Product{}
	for rows.Next() {
		p, err := scanProduct(rows)
		if err != nil {
			return nil, err
		}
		products = append(products, p)
	}
	return products, rows.Err()
}

func (s *Store) Get(ctx context.Context, id int64) (Product, error) {
	if err := s.EnsureSchema(ctx); err != nil {
		return Product{}, err
	}
	return scanProduct(s.db.QueryRowContext(ctx, "SELECT "+columns+" FROM products WHERE id = $1", id))
}

func (s *Store) Create(ctx context.Context, in ProductInput) (Product, error) {
	if err := s.EnsureSchema(ctx); err != nil {
		return Product{}, err
	}
	return scanProduct(s.db.QueryRowContext(ctx,
		"INSERT INTO products (name, price, stock) VALUES ($1, $2, $3) RETURNING "+columns,
		*in.Name, valueOr(in.Price, 0), valueOr(in.Stock, 0)))
}

// Update changes only the fields sent; COALESCE keeps the others.
func (s *Store) Update(ctx context.Context, id int64, in ProductInput) (Product, error) {
	if err := s.EnsureSchema(ctx); err != nil {
		return Product{}, err
	}
	return scanProduct(s.db.QueryRowContext(ctx,
		"UPDATE products SET name = COALESCE($2, name), price = COALESCE($3, price), stock = COALESCE($4, stock) WHERE id = $1 RETURNING "+columns,
		id, in.Name, in.Price, in.Stock))
}

func (s *Store) Delete(ctx context.Context, id int64) error {
	if err := s.EnsureSchema(ctx); err != nil {
		return err
	}
	result, err := s.db.ExecContext(ctx, "DELETE FROM products WHERE id = $1", id)
	if err != nil {
		return err
	}
	if n, err := result.RowsAffected(); err == nil && n == 0 {
		return ErrNotFound
	}
	return err
}

func valueOr[T any](p *T, fallback T) T {
	if p == nil {
		return fallback
	}
	return *p
}
