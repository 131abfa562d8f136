-- CREATE TABLE, INSERT, UPDATE, DELETE, TRUNCATE, DROP
ok CREATE TABLE
CREATE TABLE customers (id INT PRIMARY KEY, name TEXT NOT NULL, region TEXT)

ok CREATE TABLE
CREATE TABLE IF NOT EXISTS customers (id INT PRIMARY KEY)

error 42P07
CREATE TABLE customers (id INT PRIMARY KEY)

ok INSERT 0 3
INSERT INTO customers VALUES (1,'Alice','US'),(2,'Bob','EU'),(3,'Chen','APAC')

rows
SELECT name FROM customers WHERE region = 'US'
~ name text
> Alice

rows
SELECT * FROM customers ORDER BY id
~ id integer | name text | region text
> 1 | Alice | US
> 2 | Bob | EU
> 3 | Chen | APAC

error 23505
INSERT INTO customers VALUES (2, 'Bobby', 'EU')
! duplicate key value violates unique constraint "customers_pkey"
! Key (id)=(2) already exists.

-- a failed multi-row insert writes nothing
error 23505
INSERT INTO customers VALUES (4, 'Dan', 'US'), (4, 'Dup', 'US')

rows
SELECT count(*) FROM customers
> 3

ok INSERT 0 1
INSERT INTO customers (name, id) VALUES ('Eve', 5)

rows
SELECT id, name, region FROM customers WHERE id = 5
> 5 | Eve | NULL

error 23502
INSERT INTO customers (id) VALUES (6)
! null value in column "name" of relation "customers" violates not-null constraint
! Failing row contains (6, null, null).

rows
INSERT INTO customers VALUES (7, 'Fay', 'EU') RETURNING id * 10 AS x, upper(name)
~ x integer | upper text
> 70 | FAY

ok UPDATE 2
UPDATE customers SET region = 'Europe' WHERE region = 'EU'

rows
UPDATE customers SET name = name || '!' WHERE id = 1 RETURNING *
> 1 | Alice! | US

ok UPDATE 0
UPDATE customers SET name = 'x' WHERE id = 100

-- moving a row to a new primary key
ok UPDATE 1
UPDATE customers SET id = 100 WHERE id = 7

rows
SELECT id, name FROM customers WHERE id IN (7, 100)
> 100 | Fay

error 23505
UPDATE customers SET id = 1 WHERE id = 2

error 23502
UPDATE customers SET name = NULL WHERE id = 2

rows
DELETE FROM customers WHERE id >= 5 RETURNING id
> 5
> 100

ok DELETE 1
DELETE FROM customers WHERE name LIKE 'Chen%'

rows
SELECT id FROM customers ORDER BY id
> 1
> 2

ok TRUNCATE TABLE
TRUNCATE customers

rows
SELECT count(*) FROM customers
> 0

-- tables without a primary key get a hidden row id
ok
CREATE TABLE log (msg TEXT, n INT)

ok INSERT 0 3
INSERT INTO log VALUES ('a', 1), ('a', 1), ('b', 2)

rows
SELECT * FROM log ORDER BY msg
~ msg text | n integer
> a | 1
> a | 1
> b | 2

ok DELETE 2
DELETE FROM log WHERE msg = 'a'

-- composite keys, defaults, serial
ok
CREATE TABLE events (tenant INT, seq BIGINT, body TEXT DEFAULT 'none', at TIMESTAMPTZ DEFAULT now(), PRIMARY KEY (tenant, seq))

ok INSERT 0 4
INSERT INTO events (tenant, seq) VALUES (1, 1), (1, 2), (2, 1), (2, 2)

rows
SELECT tenant, seq, body, at FROM events WHERE tenant = 2 ORDER BY seq DESC
> 2 | 2 | none | 2024-01-02 03:04:05.678+00
> 2 | 1 | none | 2024-01-02 03:04:05.678+00

ok INSERT 0 1
INSERT INTO events VALUES (3, 1, DEFAULT, NULL)

rows
SELECT body, at IS NULL FROM events WHERE tenant = 3 AND seq = 1
> none | t

error 23505
INSERT INTO events (tenant, seq) VALUES (1, 2)
! Key (tenant, seq)=(1, 2) already exists.

ok
CREATE TABLE items (id SERIAL PRIMARY KEY, label VARCHAR(3), big BIGSERIAL)

rows
INSERT INTO items (label) VALUES ('a'), ('b') RETURNING id, label, big
> 1 | a | 1
> 2 | b | 2

error 22001
INSERT INTO items (label) VALUES ('abcd')
! value too long for type character varying(3)

-- trailing spaces beyond the length are cut silently, as in PostgreSQL
ok INSERT 0 1
INSERT INTO items (label) VALUES ('xy   ')

rows
SELECT label, length(label) FROM items WHERE label LIKE 'xy%'
> xy  | 3

ok INSERT 0 2
INSERT INTO items (label) SELECT upper(label) FROM items WHERE id <= 2

rows
SELECT id, label FROM items ORDER BY id
> 1 | a
> 2 | b
> 3 | xy 
> 4 | A
> 5 | B

ok DROP TABLE
DROP TABLE items, events

error 42P01
DROP TABLE items

ok DROP TABLE
DROP TABLE IF EXISTS items, log

error 42P01 position 15
SELECT * FROM items

-- WITH (fragments = N): rows spread over fragments, scans see them all in key order
ok
CREATE TABLE spread (id INT PRIMARY KEY, v TEXT) WITH (fragments = 4)

ok INSERT 0 6
INSERT INTO spread VALUES (-5, 'a'), (-1, 'b'), (0, 'c'), (7, 'd'), (1000000, 'e'), (-2000000000, 'f')

rows
SELECT id FROM spread
> -2000000000
> -5
> -1
> 0
> 7
> 1000000

rows
SELECT v FROM spread WHERE id BETWEEN -5 AND 7 ORDER BY v DESC
> d
> c
> b
> a

error 0A000
CREATE TABLE bad (id INT PRIMARY KEY, email TEXT UNIQUE)
! UNIQUE

error 42P16
CREATE TABLE bad (a INT PRIMARY KEY, b INT PRIMARY KEY)

error 42701
CREATE TABLE bad (a INT, a INT)

-- DEFAULT expressions and quoted identifiers
ok
CREATE TABLE d (id INT PRIMARY KEY, a INT DEFAULT -1, b INT DEFAULT 1 + 2, c TEXT DEFAULT 'x'::text NOT NULL, e TIMESTAMP DEFAULT now(), f NUMERIC(4,1) DEFAULT 2.25)

rows
INSERT INTO d (id) VALUES (1) RETURNING *
> 1 | -1 | 3 | x | 2024-01-02 03:04:05.678 | 2.3

ok
CREATE TABLE "MixedCase" ("Id" INT PRIMARY KEY, plain TEXT)

ok INSERT 0 1
INSERT INTO "MixedCase" ("Id", PLAIN) VALUES (1, 'p')

rows
SELECT "Id", Plain FROM "MixedCase"
~ Id integer | plain text
> 1 | p

error 42P01
SELECT * FROM mixedcase

error 42703
SELECT id FROM "MixedCase"

-- upserts on the primary key
ok
CREATE TABLE kv (k TEXT PRIMARY KEY, v INT NOT NULL, n INT DEFAULT 0)

ok INSERT 0 2
INSERT INTO kv VALUES ('a', 1), ('b', 2)

ok INSERT 0 1
INSERT INTO kv VALUES ('a', 10), ('c', 3) ON CONFLICT DO NOTHING

rows
INSERT INTO kv VALUES ('a', 100), ('d', 4) ON CONFLICT (k) DO UPDATE SET v = kv.v + excluded.v, n = kv.n + 1 RETURNING k, v, n
> a | 101 | 1
> d | 4 | 0

ok INSERT 0 0
INSERT INTO kv VALUES ('b', 5) ON CONFLICT (k) DO UPDATE SET v = excluded.v WHERE kv.v > 10

rows
SELECT k, v, n FROM kv ORDER BY k
> a | 101 | 1
> b | 2 | 0
> c | 3 | 0
> d | 4 | 0

error 21000
INSERT INTO kv VALUES ('e', 1), ('e', 2) ON CONFLICT (k) DO UPDATE SET v = excluded.v

error 42P10
INSERT INTO kv VALUES ('a', 1) ON CONFLICT (v) DO NOTHING

error 23502
INSERT INTO d DEFAULT VALUES RETURNING a

ok
CREATE TABLE dv (id SERIAL PRIMARY KEY, x INT DEFAULT 5)

rows
INSERT INTO dv DEFAULT VALUES RETURNING *
> 1 | 5
