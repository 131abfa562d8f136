-- EXPLAIN: the operator tree in one text column; each scan names its access and the fragments it touches.
ok
CREATE TABLE ex (id INT PRIMARY KEY, v TEXT) WITH (fragments = 8)

ok INSERT 0 3
INSERT INTO ex VALUES (1, 'a'), (5, 'b'), (9, 'c')

rows
EXPLAIN SELECT * FROM ex WHERE id = 5
~ QUERY PLAN text
> Point Get on ex
>   fragments: 1 of 8
>   Key Cond: (id = 5)
>   Filter: (id = 5)

rows
EXPLAIN SELECT * FROM ex WHERE id > 3
> Key Range Scan on ex
>   fragments: 8 of 8
>   Key Cond: (id > 3)
>   Filter: (id > 3)

rows
EXPLAIN SELECT v, count(*) FROM ex WHERE v <> 'x' GROUP BY v ORDER BY 1 LIMIT 2
> Limit
>   ->  Sort
>         ->  HashAggregate
>               ->  Full Scan on ex
>                     fragments: 8 of 8
>                     Filter: (v <> 'x')

error 0A000
EXPLAIN INSERT INTO ex VALUES (2, 'z')
