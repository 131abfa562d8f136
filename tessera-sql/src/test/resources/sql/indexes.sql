-- Secondary indexes: CREATE INDEX backfills, writers maintain entries, equality lookups read one index fragment.
ok
CREATE TABLE people (id INT PRIMARY KEY, email TEXT, city TEXT, age INT) WITH (fragments = 4)

ok INSERT 0 5
INSERT INTO people VALUES (1, 'a@x', 'paris', 30), (2, 'b@x', 'lyon', 40), (3, 'c@x', 'paris', 50), (4, NULL, 'nice', 60), (5, NULL, 'lyon', 70)

ok CREATE INDEX
CREATE UNIQUE INDEX people_email ON people (email)

ok CREATE INDEX
CREATE INDEX ON people (city) INCLUDE (age)

rows
EXPLAIN SELECT id FROM people WHERE email = 'b@x'
> Index Scan using people_email on people
>   fragments: 1 of 4 (index), rows fetched by primary key
>   Index Cond: (email = 'b@x')
>   Filter: (email = 'b@x')

rows
SELECT id, city FROM people WHERE email = 'b@x'
> 2 | lyon

rows unordered
SELECT id FROM people WHERE city = 'paris'
> 1
> 3

rows
EXPLAIN SELECT id FROM people WHERE city = 'lyon'
> Index Scan using people_city_idx on people
>   fragments: 1 of 4 (index), rows fetched by primary key
>   Index Cond: (city = 'lyon')
>   Filter: (city = 'lyon')

-- NULL equals nothing, through the index too.
rows
SELECT id FROM people WHERE email = NULL

rows unordered
SELECT id FROM people WHERE email IS NULL
> 4
> 5

error 23505
INSERT INTO people VALUES (6, 'a@x', 'rome', 1)
! duplicate key value violates unique constraint "people_email"
! Key (email)=(a@x) already exists.

-- The failed insert left nothing: neither the row nor a stray entry reserving its other values.
ok INSERT 0 1
INSERT INTO people VALUES (6, 'f@x', 'rome', 1)

-- A primary-key duplicate takes back the unique entry it had written first.
error 23505
INSERT INTO people VALUES (6, 'g@x', 'rome', 1)
! people_pkey

ok INSERT 0 1
INSERT INTO people VALUES (7, 'g@x', 'rome', 1)

-- NULLs in a unique index never collide.
ok INSERT 0 1
INSERT INTO people VALUES (8, NULL, 'rome', 2)

error 23505
INSERT INTO people VALUES (9, 'h@x', 'rome', 3), (10, 'h@x', 'rome', 4)
! Key (email)=(h@x) already exists.

ok UPDATE 1
UPDATE people SET email = 'z@x' WHERE id = 1

rows
SELECT id FROM people WHERE email = 'a@x'

rows
SELECT id, city FROM people WHERE email = 'z@x'
> 1 | paris

-- The old value is free again.
ok INSERT 0 1
INSERT INTO people VALUES (11, 'a@x', 'oslo', 5)

ok UPDATE 1
UPDATE people SET city = 'paris' WHERE email = 'g@x'

rows unordered
SELECT id FROM people WHERE city = 'paris'
> 1
> 3
> 7

rows unordered
SELECT id FROM people WHERE city = 'rome'
> 6
> 8

ok DELETE 1
DELETE FROM people WHERE email = 'b@x'

rows
SELECT id FROM people WHERE email = 'b@x'

ok INSERT 0 1
INSERT INTO people VALUES (2, 'b@x', 'lyon', 40)

rows unordered
SELECT id FROM people WHERE city IN ('lyon', 'oslo')
> 2
> 5
> 11

-- A parameter binds an index lookup as a constant does.
rows
SELECT id FROM people WHERE email = 'b@x' AND age = 40
> 2

error 23505
CREATE UNIQUE INDEX people_city_unique ON people (city)
! could not create unique index "people_city_unique"
! is duplicated.

-- The failed CREATE left no index behind: the name is free.
ok CREATE INDEX
CREATE INDEX people_city_unique ON people (age)

error 42P07
CREATE INDEX people_email ON people (city)

ok CREATE INDEX
CREATE INDEX IF NOT EXISTS people_email ON people (city)

ok DROP INDEX
DROP INDEX people_city_unique

error 42704
DROP INDEX people_city_unique

ok DROP INDEX
DROP INDEX IF EXISTS people_city_unique

error 2BP01
DROP INDEX people_pkey

error 2BP01
ALTER TABLE people DROP COLUMN email

ok DROP INDEX
DROP INDEX people_email

rows
EXPLAIN SELECT id FROM people WHERE email = 'b@x'
> Full Scan on people
>   fragments: 4 of 4
>   Filter: (email = 'b@x')

ok TRUNCATE TABLE
TRUNCATE people

rows
SELECT id FROM people WHERE city = 'paris'

ok INSERT 0 1
INSERT INTO people VALUES (1, 'a@x', 'paris', 30)

rows
SELECT id FROM people WHERE city = 'paris'
> 1

-- Expression indexes: see expression_indexes.sql; a volatile function is refused as in PostgreSQL.
error 42P17
CREATE INDEX ON people ((clock_timestamp()))
! functions in index expression must be marked IMMUTABLE

error 0A000
CREATE INDEX ON people (email) WHERE age > 3

error 42703
CREATE INDEX ON people (nope)

error 42P01
CREATE INDEX ON nope (a)

-- Integer bit operators (pgjdbc's getIndexInfo reads pg_index.indoption with &).
rows
SELECT 6 & 3, 6 | 3, CAST(5 AS SMALLINT) & CAST(1 AS SMALLINT), NULL::int & 1
> 2 | 7 | 1 | NULL

-- Ranges: equalities on a prefix of the index's columns, then a range on the next, read from every index fragment.
ok
CREATE TABLE readings (id INT PRIMARY KEY, sensor TEXT, t INT, v INT) WITH (fragments = 4)

ok INSERT 0 8
INSERT INTO readings VALUES (1, 'a', 10, 1), (2, 'a', 20, 2), (3, 'a', 30, 3), (4, 'b', 10, 4), (5, 'b', 25, 5), (6, 'b', NULL, 6), (7, NULL, 15, 7), (8, 'c', 40, 8)

ok CREATE INDEX
CREATE INDEX readings_sensor_t ON readings (sensor, t)

ok CREATE INDEX
CREATE INDEX readings_t ON readings (t)

rows
EXPLAIN SELECT id FROM readings WHERE t > 15 AND t <= 30
> Index Range Scan using readings_t on readings
>   fragments: 4 of 4 (index), rows fetched by primary key
>   Index Cond: (t > 15 AND t <= 30)
>   Filter: (t > 15 AND t <= 30)

rows unordered
SELECT id FROM readings WHERE t > 15 AND t <= 30
> 2
> 3
> 5

rows unordered
SELECT id FROM readings WHERE t >= 25
> 3
> 5
> 8

rows unordered
SELECT id FROM readings WHERE t < 15
> 1
> 4

rows
EXPLAIN SELECT id FROM readings WHERE sensor = 'a' AND t >= 20
> Index Range Scan using readings_sensor_t on readings
>   fragments: 4 of 4 (index), rows fetched by primary key
>   Index Cond: (sensor = 'a' AND t >= 20)
>   Filter: (sensor = 'a' AND t >= 20)

rows unordered
SELECT id FROM readings WHERE sensor = 'a' AND t >= 20
> 2
> 3

rows unordered
SELECT id FROM readings WHERE sensor = 'b'
> 4
> 5
> 6

rows
SELECT id FROM readings WHERE sensor = 'b' AND t = 25
> 5

rows
SELECT id FROM readings WHERE t > NULL

rows unordered
SELECT id FROM readings WHERE t BETWEEN 10 AND 15
> 1
> 4
> 7

-- A range on the primary key reads the rows directly, even when an index could serve another range.
rows
EXPLAIN SELECT id FROM readings WHERE id > 3 AND t > 10
> Key Range Scan on readings
>   fragments: 4 of 4
>   Key Cond: (id > 3)
>   Filter: (id > 3 AND t > 10)
