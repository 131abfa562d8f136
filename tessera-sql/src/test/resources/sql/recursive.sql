ok
CREATE TABLE friends (a INT, b INT, PRIMARY KEY (a, b))

ok INSERT 0 7
INSERT INTO friends VALUES (1, 2), (2, 3), (3, 4), (2, 5), (5, 1), (6, 7), (4, 3)

rows
WITH RECURSIVE reach(person) AS (SELECT 1 UNION SELECT f.b FROM friends f JOIN reach r ON f.a = r.person) SELECT person FROM reach ORDER BY person
> 1
> 2
> 3
> 4
> 5

rows
WITH RECURSIVE walk(person, depth) AS (SELECT 1, 0 UNION ALL SELECT f.b, w.depth + 1 FROM walk w JOIN friends f ON f.a = w.person WHERE w.depth < 2) SELECT person, depth FROM walk ORDER BY depth, person
> 1 | 0
> 2 | 1
> 3 | 2
> 5 | 2

rows
WITH RECURSIVE fof AS (SELECT b AS person, 1 AS hops FROM friends WHERE a = 1 UNION SELECT f.b, fof.hops + 1 FROM fof, friends f WHERE f.a = fof.person AND fof.hops < 2) SELECT DISTINCT person FROM fof WHERE person <> 1 ORDER BY 1
> 2
> 3
> 5

rows
WITH RECURSIVE t(n) AS (VALUES (1) UNION ALL SELECT n + 1 FROM t WHERE n < 5) SELECT sum(n), count(*) FROM t
> 15 | 5

rows
WITH RECURSIVE t(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM t) SELECT n FROM t LIMIT 3
> 1
> 2
> 3

rows
WITH RECURSIVE x AS (SELECT 1 AS k), y AS (SELECT k + 1 AS k FROM x UNION ALL SELECT k + 1 FROM y WHERE k < 3) SELECT * FROM y ORDER BY k
> 2
> 3

rows
WITH RECURSIVE t(n) AS (SELECT 1 UNION SELECT 2) SELECT n FROM t ORDER BY n
> 1
> 2

rows
WITH RECURSIVE path(node, trail) AS (SELECT 1, '1' UNION ALL SELECT f.b, p.trail || '>' || f.b FROM path p JOIN friends f ON f.a = p.node WHERE position(f.b::text IN p.trail) = 0) SELECT trail FROM path ORDER BY trail
> 1
> 1>2
> 1>2>3
> 1>2>3>4
> 1>2>5

error 42P19
WITH RECURSIVE t(n) AS (SELECT n FROM t) SELECT * FROM t
! recursive query "t" does not have the form non-recursive-term UNION [ALL] recursive-term

rows
SELECT 1 INTERSECT SELECT 1
> 1

rows
SELECT a FROM friends INTERSECT ALL SELECT b FROM friends ORDER BY 1
> 1
> 2
> 3
> 4
> 5

rows
SELECT a FROM friends EXCEPT ALL SELECT b FROM friends ORDER BY 1
> 2
> 6

rows
SELECT a FROM friends EXCEPT SELECT b FROM friends ORDER BY 1
> 6


-- Tessera's own limit (PostgreSQL would run until memory runs out): an endless UNION ALL fails with 54001.
error 54001
WITH RECURSIVE t(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM t) SELECT count(*) FROM t
! did not finish after 100000 iterations
