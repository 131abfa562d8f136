-- Expression indexes: the key is computed from the row on every write and on backfill; the planner
-- uses the index when the WHERE clause compares the same expression (matched after binding).
ok
CREATE TABLE docs (id INT PRIMARY KEY, doc JSONB, name TEXT, qty INT) WITH (fragments = 4)

ok INSERT 0 5
INSERT INTO docs VALUES (1, '{"email": "a@x", "n": 1}', 'Ann', 10), (2, '{"email": "b@x", "n": 2}', 'Bob', 20), (3, '{"email": "c@x"}', 'ann', 30), (4, '{"n": 4}', 'Dan', 40), (5, NULL, NULL, NULL)

-- Backfill of the existing rows.
ok CREATE INDEX
CREATE UNIQUE INDEX docs_email ON docs ((doc->>'email'))

ok CREATE INDEX
CREATE INDEX ON docs (lower(name))

ok CREATE INDEX
CREATE INDEX IF NOT EXISTS docs_total ON docs ((qty * 2 + 1))

ok CREATE INDEX
CREATE INDEX IF NOT EXISTS docs_total ON docs ((qty * 3))

rows
EXPLAIN SELECT id FROM docs WHERE doc->>'email' = 'b@x'
> Index Scan using docs_email on docs
>   fragments: 1 of 4 (index), rows fetched by primary key
>   Index Cond: ((doc->>'email') = 'b@x')
>   Filter: (doc->>'email' = 'b@x')

rows
SELECT id FROM docs WHERE doc->>'email' = 'b@x'
> 2

rows
SELECT id FROM docs WHERE doc ->> 'email' = 'c@x' AND qty > 1
> 3

rows
SELECT id FROM docs WHERE doc->>'email' = 'nobody'

rows unordered
SELECT id FROM docs WHERE (doc->>'email') IN ('a@x', 'c@x', 'zz')
> 1
> 3

-- The derived name takes the function's name, as PostgreSQL's does.
rows
EXPLAIN SELECT id FROM docs WHERE lower(name) = 'ann'
> Index Scan using docs_lower_idx on docs
>   fragments: 1 of 4 (index), rows fetched by primary key
>   Index Cond: (lower(name) = 'ann')
>   Filter: (lower(name) = 'ann')

rows unordered
SELECT id FROM docs WHERE lower(name) = 'ann'
> 1
> 3

-- A different expression does not match the index.
rows
EXPLAIN SELECT id FROM docs WHERE upper(name) = 'ANN'
> Full Scan on docs
>   fragments: 4 of 4
>   Filter: (upper(name) = 'ANN')

-- Arithmetic, with a range.
rows
EXPLAIN SELECT id FROM docs WHERE qty * 2 + 1 > 40
> Index Range Scan using docs_total on docs
>   fragments: 4 of 4 (index), rows fetched by primary key
>   Index Cond: ((qty * 2 + 1) > 40)
>   Filter: (qty * 2 + 1 > 40)

rows unordered
SELECT id FROM docs WHERE qty * 2 + 1 > 40
> 2
> 3
> 4

rows
SELECT id FROM docs WHERE qty * 2 + 1 = 41
> 2

-- Writers maintain the entries: insert, update of the indexed expression's input, delete.
ok INSERT 0 1
INSERT INTO docs VALUES (6, '{"email": "f@x"}', 'Fay', 60)

error 23505
INSERT INTO docs VALUES (7, '{"email": "f@x", "other": true}', 'Gil', 70)
! duplicate key value violates unique constraint "docs_email"
! Key ((doc->>'email'))=(f@x) already exists.

ok UPDATE 1
UPDATE docs SET doc = '{"email": "g@x"}' WHERE id = 6

rows
SELECT id FROM docs WHERE doc->>'email' = 'f@x'

rows
SELECT id FROM docs WHERE doc->>'email' = 'g@x'
> 6

-- The old value is free again.
ok INSERT 0 1
INSERT INTO docs VALUES (7, '{"email": "f@x"}', 'Gil', 70)

ok DELETE 1
DELETE FROM docs WHERE doc->>'email' = 'f@x'

rows
SELECT id FROM docs WHERE doc->>'email' = 'f@x'

-- NULL values (no key, or no document) never collide in a unique index.
ok INSERT 0 1
INSERT INTO docs VALUES (8, '{"x": 1}', 'Hal', 80)

-- A backfill that meets a duplicate fails and leaves no index behind.
ok INSERT 0 1
INSERT INTO docs VALUES (9, '{"email": "z@x"}', 'ANN', 90)

error 23505
CREATE UNIQUE INDEX docs_lower_name ON docs (lower(name))
! could not create unique index "docs_lower_name"
! Key (lower(name))=(ann) is duplicated.

-- What PostgreSQL refuses in an index expression.
error 42P17
CREATE INDEX ON docs ((now()))
! functions in index expression must be marked IMMUTABLE

error 42P17
CREATE INDEX ON docs ((name || version()))
! functions in index expression must be marked IMMUTABLE

error 42803
CREATE INDEX ON docs ((count(qty)))

error 0A000
CREATE INDEX ON docs ((SELECT 1))

error 42703
CREATE INDEX ON docs ((nope + 1))

error 2BP01
ALTER TABLE docs DROP COLUMN name

error 0A000
ALTER TABLE docs RENAME COLUMN qty TO amount

-- jsonb-valued key parts: equality through the index.
ok CREATE INDEX
CREATE INDEX docs_n ON docs ((doc->'n'))

rows
EXPLAIN SELECT id FROM docs WHERE doc->'n' = '2'
> Index Scan using docs_n on docs
>   fragments: 1 of 4 (index), rows fetched by primary key
>   Index Cond: ((doc->'n') = '2')
>   Filter: (doc->'n' = '2')

rows
SELECT id FROM docs WHERE doc->'n' = '2'
> 2

ok DROP INDEX
DROP INDEX docs_n

ok DROP INDEX
DROP INDEX docs_email

rows
SELECT id FROM docs WHERE doc->>'email' = 'b@x'
> 2

-- A volatile function inside a jsonb navigation is found too; an unknown function is 42883 first, as in PostgreSQL.
error 42P17
CREATE INDEX ON docs ((doc->>now()::text))

error 42883
CREATE INDEX ON docs ((nosuchfunction(qty)))

-- ORDER BY ... LIMIT through an index: the index is read in key order (fragments merged), the LIMIT stops it.
ok
CREATE TABLE scores (id INT PRIMARY KEY, player TEXT, score INT, doc JSONB) WITH (fragments = 4)

ok INSERT 0 9
INSERT INTO scores VALUES (1, 'a', 50, '{"k": "q"}'), (2, 'b', NULL, '{"k": "c"}'), (3, 'a', 70, NULL), (4, 'c', 10, '{"k": "a"}'), (5, 'b', 30, '{"k": "z"}'), (6, 'a', NULL, '{"k": "m"}'), (7, 'c', 90, '{}'), (8, 'b', 20, '{"k": "b"}'), (9, 'a', 40, '{"k": "d"}')

ok CREATE INDEX
CREATE INDEX scores_score ON scores (score)

ok CREATE INDEX
CREATE INDEX scores_player_score ON scores (player, score)

ok CREATE INDEX
CREATE INDEX scores_k ON scores ((doc->>'k'))

rows
EXPLAIN SELECT id, score FROM scores ORDER BY score LIMIT 3
> Limit
>   ->  Index Scan using scores_score on scores
>         fragments: 4 of 4 (index, read in key order and merged), rows fetched by primary key
>         Index Order: score

rows
SELECT id, score FROM scores ORDER BY score LIMIT 3
> 4 | 10
> 8 | 20
> 5 | 30

-- NULLs come last in ascending order, as in PostgreSQL.
rows
SELECT id, score FROM scores ORDER BY score LIMIT 3 OFFSET 6
> 7 | 90
> 2 | NULL
> 6 | NULL

rows
SELECT id FROM scores ORDER BY score ASC NULLS LAST, id LIMIT 100
> 4
> 8
> 5
> 9
> 1
> 3
> 7
> 2
> 6

-- An equality on the leading column, then the order of the next one.
rows
EXPLAIN SELECT id, score FROM scores WHERE player = 'a' ORDER BY score LIMIT 2
> Limit
>   ->  Index Scan using scores_player_score on scores
>         fragments: 4 of 4 (index, read in key order and merged), rows fetched by primary key
>         Index Cond: (player = 'a')
>         Index Order: score
>         Filter: (player = 'a')

rows
SELECT id, score FROM scores WHERE player = 'a' ORDER BY score LIMIT 10
> 9 | 40
> 1 | 50
> 3 | 70
> 6 | NULL

rows
SELECT id, score FROM scores WHERE score > 25 ORDER BY score LIMIT 2
> 5 | 30
> 9 | 40

-- An expression index serves its expression's order.
rows
SELECT id, doc->>'k' FROM scores ORDER BY doc->>'k' LIMIT 4
> 4 | a
> 8 | b
> 2 | c
> 9 | d

-- DESC (NULLS FIRST) would read the index backwards: the sort stays.
rows
EXPLAIN SELECT id FROM scores ORDER BY score DESC LIMIT 3
> Limit
>   ->  Sort
>         ->  Full Scan on scores
>               fragments: 4 of 4

rows
SELECT id, score FROM scores ORDER BY score DESC LIMIT 3
> 2 | NULL
> 6 | NULL
> 7 | 90

-- Without a LIMIT the whole table is read either way: the sort stays.
rows
EXPLAIN SELECT id FROM scores ORDER BY score
> Sort
>   ->  Full Scan on scores
>         fragments: 4 of 4

-- ON CONFLICT DO NOTHING without a target looks for conflicts on unique expression indexes too.
ok
CREATE TABLE upserts (id INT PRIMARY KEY, email TEXT)

ok CREATE INDEX
CREATE UNIQUE INDEX upserts_lower ON upserts (lower(email))

ok INSERT 0 1
INSERT INTO upserts VALUES (1, 'A@x')

ok INSERT 0 0
INSERT INTO upserts VALUES (2, 'a@X') ON CONFLICT DO NOTHING

ok INSERT 0 1
INSERT INTO upserts VALUES (3, 'b@x'), (4, 'B@X') ON CONFLICT DO NOTHING

error 0A000
INSERT INTO upserts VALUES (5, 'c') ON CONFLICT ON CONSTRAINT upserts_lower DO NOTHING

rows
SELECT id FROM upserts ORDER BY id
> 1
> 3

-- DESC and NULLS FIRST key parts are accepted; the entries stay ascending, NULLs last, so
-- lookups read them alike and an ORDER BY in the stored order is still served.
ok CREATE INDEX
CREATE INDEX docs_qty_desc ON docs (qty DESC NULLS FIRST, id ASC)

rows
SELECT id FROM docs WHERE qty = 20
> 2

rows
EXPLAIN SELECT id FROM docs WHERE qty = 20
> Index Range Scan using docs_qty_desc on docs
>   fragments: 4 of 4 (index), rows fetched by primary key
>   Index Cond: (qty = 20)
>   Filter: (qty = 20)
