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
