ok
CREATE TABLE t (id INT PRIMARY KEY, name TEXT, score NUMERIC(5,1), grp TEXT)

ok INSERT 0 6
INSERT INTO t VALUES (1, 'ann', 10.5, 'a'), (2, 'bob', NULL, 'a'), (3, 'cid', 7, 'b'), (4, NULL, 3.25, 'b'), (5, 'Dee', 10.5, NULL), (6, 'eve', 1, 'c')

rows
SELECT id FROM t WHERE score > 5 ORDER BY id
> 1
> 3
> 5

rows
SELECT score FROM t WHERE id = 4
> 3.3

-- three-valued logic: NULL comparisons are not true
rows
SELECT id FROM t WHERE score <> 10.5 ORDER BY id
> 3
> 4
> 6

rows
SELECT id FROM t WHERE NOT (score > 5) ORDER BY id
> 4
> 6

rows
SELECT id FROM t WHERE score > 5 OR name IS NULL ORDER BY id
> 1
> 3
> 4
> 5

rows
SELECT id FROM t WHERE score IS NULL OR grp IS NULL ORDER BY 1
> 2
> 5

rows
SELECT id FROM t WHERE id IN (1, 3, 99) ORDER BY id
> 1
> 3

rows
SELECT id FROM t WHERE id NOT IN (1, 2, 3) ORDER BY id
> 4
> 5
> 6

-- NOT IN with a NULL in the list is never true
rows
SELECT id FROM t WHERE id NOT IN (1, NULL)

rows
SELECT id FROM t WHERE id BETWEEN 2 AND 4 ORDER BY id DESC
> 4
> 3
> 2

rows
SELECT id FROM t WHERE id NOT BETWEEN 2 AND 4 ORDER BY id
> 1
> 5
> 6

rows
SELECT name FROM t WHERE name LIKE '_e%' ORDER BY name
> Dee

rows
SELECT name FROM t WHERE name ILIKE 'd%' OR name ILIKE '%V%' ORDER BY name
> Dee
> eve

rows
SELECT name FROM t WHERE name NOT LIKE '%e%' ORDER BY name
> ann
> bob
> cid

rows
SELECT 'a_c' LIKE 'a!_c' ESCAPE '!', 'abc' LIKE 'a!_c' ESCAPE '!', '100%' LIKE '100\%'
> t | f | t

rows
SELECT name FROM t WHERE name ~ '^[a-c]' ORDER BY name
> ann
> bob
> cid

rows
SELECT name FROM t WHERE name ~* '^d' OR name !~ 'e|n|o|i'
> Dee

rows
SELECT name FROM t WHERE name !~* 'E' ORDER BY name
> ann
> bob
> cid

-- ORDER BY: NULLs last ascending, first descending; NULLS FIRST/LAST; ordinal; alias; expression
rows
SELECT id, score FROM t ORDER BY score, id
> 6 | 1.0
> 4 | 3.3
> 3 | 7.0
> 1 | 10.5
> 5 | 10.5
> 2 | NULL

rows
SELECT id FROM t ORDER BY score DESC, id
> 2
> 1
> 5
> 3
> 4
> 6

rows
SELECT id FROM t ORDER BY score NULLS FIRST, id DESC
> 2
> 6
> 4
> 3
> 5
> 1

rows
SELECT id AS k, name FROM t ORDER BY k DESC LIMIT 2
> 6 | eve
> 5 | Dee

rows
SELECT name FROM t ORDER BY length(name) DESC NULLS LAST, name LIMIT 3
> Dee
> ann
> bob

rows
SELECT id FROM t ORDER BY id LIMIT 2 OFFSET 3
> 4
> 5

rows
SELECT id FROM t ORDER BY id OFFSET 5
> 6

rows
SELECT id FROM t ORDER BY id LIMIT 0

rows
SELECT DISTINCT grp FROM t ORDER BY grp
> a
> b
> c
> NULL

rows
SELECT DISTINCT score FROM t WHERE score IS NOT NULL ORDER BY 1 DESC
> 10.5
> 7.0
> 3.3
> 1.0

-- aliases, * and t.*
rows
SELECT x.id, x.* FROM t AS x WHERE x.id = 3
~ id integer | id integer | name text | score numeric | grp text
> 3 | 3 | cid | 7.0 | b

rows
SELECT u.id FROM t u WHERE u.id < 2
> 1

-- primary-key ranges and prefixes
rows
SELECT id FROM t WHERE id > 4
> 5
> 6

rows
SELECT id FROM t WHERE id <= 2 AND id > 0
> 1
> 2

rows
SELECT id FROM t WHERE 3 >= id AND name <> 'ann'
> 2
> 3

rows
SELECT id FROM t WHERE id = 3000000000

rows
SELECT id FROM t WHERE id < 3000000000 AND id > -3000000000 ORDER BY id DESC LIMIT 1
> 6

-- subqueries
rows
SELECT id FROM t WHERE score = (SELECT max(score) FROM t) ORDER BY id
> 1
> 5

rows
SELECT id FROM t WHERE id IN (SELECT id + 1 FROM t WHERE grp = 'a') ORDER BY id
> 2
> 3

rows
SELECT id FROM t o WHERE EXISTS (SELECT 1 FROM t i WHERE i.grp = o.grp AND i.id <> o.id) ORDER BY id
> 1
> 2
> 3
> 4

rows
SELECT id, (SELECT count(*) FROM t i WHERE i.id < o.id) AS before FROM t o WHERE id <= 3 ORDER BY id
> 1 | 0
> 2 | 1
> 3 | 2

rows
SELECT id FROM t WHERE NOT EXISTS (SELECT 1 FROM t i WHERE i.id > t.id)
> 6

error 21000
SELECT (SELECT id FROM t)

rows
SELECT (SELECT id FROM t WHERE id = 42) IS NULL
> t

-- set operations
rows
SELECT id FROM t WHERE id < 3 UNION SELECT id FROM t WHERE id < 2 ORDER BY 1
> 1
> 2

rows
SELECT grp FROM t WHERE id < 3 UNION ALL SELECT grp FROM t WHERE id < 2
> a
> a
> a

rows unordered
SELECT 1 UNION SELECT 2 UNION SELECT 1
> 1
> 2

rows
SELECT id FROM t INTERSECT SELECT id + 4 FROM t ORDER BY 1
> 5
> 6

rows
SELECT id FROM t EXCEPT SELECT id + 1 FROM t ORDER BY id
> 1

-- SELECT without FROM, VALUES, derived tables
rows
SELECT 1 AS one, 'x' AS x, NULL AS n
~ one integer | x text | n text
> 1 | x | NULL

rows
VALUES (1, 'a'), (2, 'b')
~ column1 integer | column2 text
> 1 | a
> 2 | b

rows
SELECT v.b, v.a FROM (VALUES (1, 'x'), (2, 'y')) v(a, b) WHERE v.a > 1
> y | 2

rows
SELECT s.n FROM (SELECT name AS n FROM t WHERE id < 3) s ORDER BY s.n DESC
> bob
> ann

rows
SELECT * FROM (SELECT id, name FROM t ORDER BY id DESC LIMIT 2) s ORDER BY id
> 5 | Dee
> 6 | eve

rows
WITH big AS (SELECT id, name FROM t WHERE score > 5), names (n) AS (SELECT name FROM big) SELECT n FROM names ORDER BY n
> Dee
> ann
> cid

rows
WITH c AS (SELECT count(*) AS k FROM t) SELECT t.id FROM t, c WHERE t.id = c.k
> 6

rows
WITH RECURSIVE r (n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 3) SELECT n FROM r
> 1
> 2
> 3

rows
SELECT id FROM t ORDER BY id DESC FETCH FIRST 2 ROWS ONLY
> 6
> 5

-- x IN (...) AND y inside a select-list subquery (bound twice: the aggregate probe, then for real), as psql's \d of an index sends it.
rows
SELECT id, EXISTS (SELECT 1 FROM t u WHERE u.id = t.id AND u.grp IN ('a', 'b') AND u.score > 5) FROM t ORDER BY id
> 1 | t
> 2 | f
> 3 | t
> 4 | f
> 5 | f
> 6 | f

-- Runs of prefix signs and ALL inside an aggregate, as SQLite's random tests write them (PostgreSQL 15's answers).
rows
SELECT - - 29, + - 3, 10 - - 2, 7 * - - 2, 1 - + - 4, - ( + - 5 )
> 29 | -3 | 12 | 14 | 5 | 5

rows
SELECT MIN ( ALL - - x ), COUNT ( ALL x ) FROM (VALUES (37), (40)) v(x)
> 37 | 2

-- IN followed by AND/OR: AND binds tighter than OR around it (PostgreSQL 15's answers; JSqlParser
-- alone would read the rest of the condition into the IN's list).
rows
SELECT count(*) FROM (VALUES (1)) v(x) WHERE false AND x IN (1, 2) AND true OR true
> 1

rows
SELECT count(*) FROM (VALUES (1)) v(x) WHERE false AND x IN (SELECT 1) AND true OR x > 0
> 1

rows
SELECT count(*) FROM (VALUES (3)) v(x) WHERE NOT x IN (1, 2) AND false OR true
> 1

rows
SELECT count(*) FROM (VALUES (1)) v(x) WHERE NOT x IN (1, 2) OR false
> 0

rows
SELECT x IN (1, 2) AND false OR true, x NOT IN (SELECT 1) OR x = 1 AND false FROM (VALUES (1)) v(x)
> t | f
