ok
CREATE TABLE customers (id SERIAL PRIMARY KEY, name TEXT NOT NULL)

ok
CREATE TABLE orders (id INT PRIMARY KEY, customer_id INT)

-- psql \dt (with the fake pg_catalog of the tests)
rows
SELECT n.nspname as "Schema",
  c.relname as "Name",
  CASE c.relkind WHEN 'r' THEN 'table' WHEN 'v' THEN 'view' WHEN 'm' THEN 'materialized view' WHEN 'i' THEN 'index' WHEN 'S' THEN 'sequence' WHEN 't' THEN 'TOAST table' WHEN 'f' THEN 'foreign table' WHEN 'p' THEN 'partitioned table' WHEN 'I' THEN 'partitioned index' END as "Type",
  pg_catalog.pg_get_userbyid(c.relowner) as "Owner"
FROM pg_catalog.pg_class c
     LEFT JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
     LEFT JOIN pg_catalog.pg_am am ON am.oid = c.relam
WHERE c.relkind IN ('r','p','')
      AND n.nspname <> 'pg_catalog'
      AND n.nspname !~ '^pg_toast'
      AND n.nspname <> 'information_schema'
  AND pg_catalog.pg_table_is_visible(c.oid)
ORDER BY 1,2;
~ Schema name | Name name | Type text | Owner name
> public | customers | table | tessera
> public | orders | table | tessera

-- psql \d customers, query 1: OPERATOR(pg_catalog.~) and COLLATE
rows
SELECT c.oid,
  n.nspname,
  c.relname
FROM pg_catalog.pg_class c
     LEFT JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE c.relname OPERATOR(pg_catalog.~) '^(customers)$' COLLATE pg_catalog.default
  AND pg_catalog.pg_table_is_visible(c.oid)
ORDER BY 2, 3;
~ oid oid | nspname name | relname name
> 16388 | public | customers

rows
SELECT relname FROM pg_class WHERE oid = '16388'
> customers

rows
SELECT 'customers'::regclass, 'pg_catalog.pg_class'::regclass::oid, c.oid::regclass, c.oid::pg_catalog.regclass::pg_catalog.text FROM pg_class c WHERE c.relname = 'orders'
> 16388 | 1259 | orders | orders

error 42P01
SELECT 'nosuch'::regclass

rows
SELECT 23::regtype, 'integer'::regtype::oid, 2200::regnamespace
> integer | 23 | public

rows
SELECT current_database() AS "TABLE_CAT", n.nspname AS "TABLE_SCHEM", c.relname AS "TABLE_NAME" FROM pg_catalog.pg_namespace n, pg_catalog.pg_class c WHERE c.relnamespace = n.oid AND n.nspname LIKE 'public' AND c.relname LIKE '%' AND (false OR ( c.relkind = 'r' AND n.nspname !~ '^pg_' AND n.nspname <> 'information_schema' ) ) ORDER BY "TABLE_SCHEM","TABLE_NAME"
> tessera | public | customers
> tessera | public | orders

rows
select current_catalog
~ current_catalog name
> tessera

rows
SELECT relname, row_number() OVER (PARTITION BY relnamespace ORDER BY relname DESC) AS rn FROM pg_class ORDER BY relname
> customers | 2
> orders | 1
> pg_class | 1

rows
SELECT n.nspname, ARRAY(SELECT c.relname FROM pg_class c WHERE c.relnamespace = n.oid ORDER BY 1) FROM pg_namespace n WHERE n.nspname IN ('public', 'pg_catalog') ORDER BY 1
> pg_catalog | {pg_class}
> public | {customers,orders}

rows
SELECT count(*) FROM pg_catalog.pg_namespace WHERE nspname = ANY(current_schemas(true))
> 2

error 42P01
SELECT * FROM pg_catalog.nosuch

-- set-returning functions and composites, as pgjdbc's getPrimaryKeys uses them
rows
SELECT s FROM pg_catalog.generate_series(1, 3) s
~ s integer
> 1
> 2
> 3

rows
SELECT * FROM generate_series(10, 1, -4) WITH ORDINALITY AS a(v, depth)
> 10 | 1
> 6 | 2
> 2 | 3

rows
SELECT u FROM unnest(ARRAY['a', 'b']) u
> a
> b

rows
SELECT generate_series(1, 2) AS g, 'x'
> 1 | x
> 2 | x

rows
SELECT (information_schema._pg_expandarray('{7,5}'::int2[])).n AS key_seq, information_schema._pg_expandarray('{7,5}'::int2[]) AS keys
> 1 | (7,1)
> 2 | (5,2)

rows
SELECT result.k FROM (SELECT 'pk' AS k, information_schema._pg_expandarray('{2,4}'::int2[]) AS KEYS, 4 AS a_attnum) result WHERE result.A_ATTNUM = (result.KEYS).x
> pk

rows
SELECT (ARRAY[10, 20, 30])[2] IS NULL, x.arr[2], x.arr[5] FROM (SELECT ARRAY[10, 20, 30] AS arr) x
> f | 20 | NULL

rows
SELECT oid FROM pg_class WHERE oid IN (SELECT pg_catalog.pg_partition_ancestors('16388') UNION ALL VALUES ('16392'::pg_catalog.regclass)) ORDER BY 1
> 16392

rows
SELECT c.oid::pg_catalog.regclass FROM pg_catalog.pg_class c WHERE c.relname = 'customers' AND c.oid NOT IN (SELECT a.relid FROM pg_catalog.pg_partition_ancestors(c.oid) WITH ORDINALITY AS a(relid, depth) ORDER BY a.depth LIMIT 1)
> customers

-- pgbench's "is pgbench_accounts partitioned" query shape: LATERAL, array_position, current_schemas
rows
select o.n, pg_catalog.count(c.oid) from pg_catalog.pg_class as c join pg_catalog.pg_namespace as n on (n.oid = c.relnamespace) cross join lateral (select pg_catalog.array_position(pg_catalog.current_schemas(true), n.nspname)) as o(n) where c.relname = 'orders' and o.n is not null group by 1 order by 1 asc limit 1
~ n integer | count bigint
> 2 | 1

ok CREATE TABLE
create table pgbench_branches(bid int not null,bbalance int,filler char(88)) with (fillfactor=100)
