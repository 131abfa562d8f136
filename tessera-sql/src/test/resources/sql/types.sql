ok
CREATE TABLE ty (id BIGINT PRIMARY KEY, s SMALLINT, i INT4, r REAL, d DOUBLE PRECISION, n DECIMAL(10,2), b BOOL, t TEXT, vc CHARACTER VARYING(5), ch CHARACTER(3), by BYTEA, dt DATE, ts TIMESTAMP WITHOUT TIME ZONE, tz TIMESTAMP WITH TIME ZONE, j JSONB, fl FLOAT)

ok INSERT 0 1
INSERT INTO ty VALUES (1, 1, 2, 1.5, 2.25, 3.456, true, 'text', 'vc', 'ab', '\x0102', '2024-03-04', '2024-03-04 05:06:07.5', '2024-03-04 05:06:07+01', '{"b": [1, 2], "a": {"y": 1, "x": null}, "a": 3}', 1)

rows
SELECT * FROM ty
~ id bigint | s smallint | i integer | r real | d double precision | n numeric | b boolean | t text | vc character varying | ch character | by bytea | dt date | ts timestamp without time zone | tz timestamp with time zone | j jsonb | fl double precision
> 1 | 1 | 2 | 1.5 | 2.25 | 3.46 | t | text | vc | ab  | \x0102 | 2024-03-04 | 2024-03-04 05:06:07.5 | 2024-03-04 04:06:07+00 | {"a": 3, "b": [1, 2]} | 1

rows
SELECT id FROM ty WHERE ch = 'ab' AND j = '{"a":3,"b":[1,2]}' AND by = '\x0102' AND dt = '2024-03-04' AND ts > '2024-01-01'
> 1

ok INSERT 0 1
INSERT INTO ty (id) VALUES (2)

rows
SELECT s, i, r, d, n, b, t, vc, ch, by, dt, ts, tz, j FROM ty WHERE id = 2
> NULL | NULL | NULL | NULL | NULL | NULL | NULL | NULL | NULL | NULL | NULL | NULL | NULL | NULL

error 22P02
INSERT INTO ty (id, j) VALUES (3, '{bad')

error 22P02
INSERT INTO ty (id, b) VALUES (3, 'maybe')

error 22008
INSERT INTO ty (id, dt) VALUES (3, '2024-02-30')

ok UPDATE 1
UPDATE ty SET n = n * 2, r = r + 1, s = s + 1 WHERE id = 1

rows
SELECT n, r, s FROM ty WHERE id = 1
> 6.92 | 2.5 | 2

error 22003
UPDATE ty SET s = 32767 + s WHERE id = 1

rows
SELECT 1::int2 + 1::int2, 1::int4 + 1::int8, 1 + 1.5, 1 + 1.5::float4, 1::real + 1.5::real
~ ?column? smallint | ?column? bigint | ?column? numeric | ?column? double precision | ?column? real
> 2 | 2 | 2.5 | 2.5 | 2.5

-- jsonb operators
ok
CREATE TABLE docs (id INT PRIMARY KEY, body JSONB)

ok INSERT 0 3
INSERT INTO docs VALUES (1, '{"name": "ann", "tags": ["a", "b"], "addr": {"city": "Oslo"}, "n": 1}'), (2, '{"name": "bob", "tags": [], "n": null}'), (3, '[1, "x", {"k": 2}]')

rows
SELECT id, body -> 'name', body ->> 'name', body -> 'addr' ->> 'city', body -> 'tags' -> 1, body ->> 'n' FROM docs ORDER BY id
> 1 | "ann" | ann | Oslo | "b" | 1
> 2 | "bob" | bob | NULL | NULL | NULL
> 3 | NULL | NULL | NULL | NULL | NULL

rows
SELECT id FROM docs WHERE body @> '{"tags": ["b"]}' OR body @> '[{"k": 2}]' ORDER BY id
> 1
> 3

rows
SELECT id, body ? 'tags', body ? 'x', body -> 2 ->> 'k', body -> -1 FROM docs ORDER BY id
> 1 | t | f | NULL | NULL
> 2 | t | f | NULL | NULL
> 3 | f | t | 2 | {"k": 2}
