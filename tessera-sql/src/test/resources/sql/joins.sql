ok
CREATE TABLE c (id INT PRIMARY KEY, name TEXT)

ok
CREATE TABLE o (id INT PRIMARY KEY, cid BIGINT, amount INT)

ok INSERT 0 3
INSERT INTO c VALUES (1, 'ann'), (2, 'bob'), (3, 'cid')

ok INSERT 0 4
INSERT INTO o VALUES (10, 1, 5), (11, 1, 7), (12, 2, 1), (13, 9, 100)

rows
SELECT c.name, o.amount FROM c JOIN o ON o.cid = c.id ORDER BY o.id
> ann | 5
> ann | 7
> bob | 1

rows
SELECT c.name, o.amount FROM c, o WHERE c.id = o.cid AND o.amount > 4 ORDER BY 2
> ann | 5
> ann | 7

rows
SELECT c.name, o.id FROM c LEFT JOIN o ON o.cid = c.id ORDER BY c.id, o.id
> ann | 10
> ann | 11
> bob | 12
> cid | NULL

rows
SELECT c.name, o.id FROM c RIGHT JOIN o ON o.cid = c.id ORDER BY o.id
> ann | 10
> ann | 11
> bob | 12
> NULL | 13

rows
SELECT c.name, o.id FROM c FULL OUTER JOIN o ON o.cid = c.id ORDER BY c.id NULLS LAST, o.id
> ann | 10
> ann | 11
> bob | 12
> cid | NULL
> NULL | 13

rows
SELECT count(*) FROM c CROSS JOIN o
> 12

rows
SELECT c.name, o.id FROM c LEFT JOIN o ON o.cid = c.id AND o.amount > 5 ORDER BY c.id
> ann | 11
> bob | NULL
> cid | NULL

rows
SELECT a.id, b.id FROM c a JOIN c b ON a.id < b.id ORDER BY 1, 2
> 1 | 2
> 1 | 3
> 2 | 3

rows
SELECT c.name, sum(o.amount) AS total FROM c LEFT JOIN o ON o.cid = c.id GROUP BY c.name ORDER BY total DESC NULLS LAST
> ann | 12
> bob | 1
> cid | NULL

rows
SELECT name FROM c WHERE id IN (SELECT cid FROM o) ORDER BY name
> ann
> bob

rows
SELECT x.name, y.n FROM c x JOIN (SELECT cid, count(*) AS n FROM o GROUP BY cid) y ON y.cid = x.id ORDER BY 1
> ann | 2
> bob | 1

rows
SELECT c.name FROM c JOIN o USING (id)
