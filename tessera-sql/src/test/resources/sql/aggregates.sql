ok
CREATE TABLE s (id INT PRIMARY KEY, g TEXT, i INT, b BIGINT, n NUMERIC(6,2), f FLOAT8, sm SMALLINT)

ok INSERT 0 5
INSERT INTO s VALUES (1, 'x', 1, 10, 1.50, 0.5, 1), (2, 'x', 2, 20, 2.25, 1.5, 2), (3, 'y', NULL, 30, NULL, NULL, 3), (4, 'y', 4, NULL, 4.00, 2.0, NULL), (5, NULL, 5, 50, 5.00, 1.0, 5)

rows
SELECT count(*), count(i), count(DISTINCT g), sum(i), sum(b), sum(n), sum(f), sum(sm) FROM s
~ count bigint | count bigint | count bigint | sum bigint | sum numeric | sum numeric | sum double precision | sum bigint
> 5 | 4 | 2 | 12 | 110 | 12.75 | 5 | 11

rows
SELECT avg(i), avg(n), avg(f), min(g), max(g), min(n), max(b) FROM s
~ avg numeric | avg numeric | avg double precision | min text | max text | min numeric | max bigint
> 3.0000000000000000 | 3.1875000000000000 | 1.25 | x | y | 1.50 | 50

rows
SELECT g, count(*), sum(i) FROM s GROUP BY g ORDER BY g
> x | 2 | 3
> y | 2 | 4
> NULL | 1 | 5

rows
SELECT g, count(*) AS c FROM s GROUP BY g HAVING count(*) > 1 ORDER BY c DESC, g
> x | 2
> y | 2

rows
SELECT g, max(i) - min(i) AS spread FROM s WHERE id < 5 GROUP BY 1 ORDER BY 1
> x | 1
> y | 0

rows
SELECT count(*), sum(i), max(g) FROM s WHERE id > 100
> 0 | NULL | NULL

rows
SELECT g FROM s GROUP BY g HAVING sum(i) IS NULL OR sum(i) > 4 ORDER BY g NULLS FIRST
> NULL

rows
SELECT upper(g) AS u, count(*) FROM s GROUP BY upper(g) ORDER BY u
> X | 2
> Y | 2
> NULL | 1

rows
SELECT count(*) FROM s GROUP BY g ORDER BY count(*) DESC, min(id)
> 2
> 2
> 1

rows
SELECT string_agg(g, ',') FROM (SELECT g FROM s WHERE g IS NOT NULL ORDER BY id) q
> x,x,y,y

rows
SELECT DISTINCT g, count(*) FROM s GROUP BY g ORDER BY g
> x | 2
> y | 2
> NULL | 1

error 22003
SELECT sum(b) + 9223372036854775807::numeric > 0, sum(b::int * 100000000) FROM s

-- a subquery in a grouped select list sees the grouping columns of the aggregated row
rows
SELECT g, count(*), (SELECT max(i2.id) FROM s i2 WHERE i2.g = s.g) AS top FROM s WHERE g IS NOT NULL GROUP BY g ORDER BY g
> x | 2 | 2
> y | 2 | 4

error 42703
SELECT g, (SELECT s.i) FROM s GROUP BY g
