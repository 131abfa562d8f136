rows
SELECT 1 + 2 * 3, (1 + 2) * 3, 7 / 2, -7 / 2, 7 % 3, -7 % 3, 2 - 5
> 7 | 9 | 3 | -3 | 1 | -1 | -3

rows
SELECT 7.0 / 2, 1 / 3.0, 10::numeric / 4, 2.5 * 2, 1.5 + 1
> 3.5000000000000000 | 0.33333333333333333333 | 2.5000000000000000 | 5.0 | 2.5

rows
SELECT 1.5::float8 * 2, 7::real / 2, 1e3::int
> 3 | 3.5 | 1000

error 22003
SELECT 2147483647 + 1
! integer out of range

error 22003
SELECT 9223372036854775807 + 1
! bigint out of range

error 22003
SELECT 32767::smallint + 1::smallint
! smallint out of range

error 22003
SELECT (-2147483648) * -1

rows
SELECT 2147483647::bigint + 1
> 2147483648

error 22012
SELECT 1 / 0
! division by zero

error 22012
SELECT 1.5 / 0

error 22012
SELECT 5 % 0

error 22012
SELECT 1.0::float8 / 0

rows
SELECT 'a' || 'b' || 1 || NULL IS NULL, 'x' || 2, 3 || 'y'
> t | x2 | 3y

rows
SELECT CASE WHEN 1 > 2 THEN 'a' WHEN 2 > 1 THEN 'b' ELSE 'c' END, CASE 3 WHEN 1 THEN 'one' WHEN 3 THEN 'three' END, CASE WHEN false THEN 1 END
> b | three | NULL

rows
SELECT COALESCE(NULL, NULL, 3, 4), COALESCE(NULL, 'x'), NULLIF(1, 1), NULLIF(1, 2), GREATEST(1, 5, NULL, 3), LEAST('b', 'a', 'c')
> 3 | x | NULL | 1 | 5 | a

rows
SELECT NULL = NULL, NULL IS NULL, 1 IS NOT NULL, NULL AND false, NULL OR true, NOT NULL::boolean, NULL AND true
> NULL | t | t | f | t | NULL | NULL

rows
SELECT 1 IS DISTINCT FROM NULL, NULL IS NOT DISTINCT FROM NULL, 1 IS DISTINCT FROM 1
> t | t | f

rows
SELECT true IS TRUE, NULL::bool IS NOT TRUE, false IS FALSE
> t | t | t

rows
SELECT CAST('42' AS INTEGER) + 1, '7'::bigint, CAST(3.7 AS INT), CAST(-2.5 AS INT), 2.5::int, '3.14159'::numeric(4,2)
> 43 | 7 | 4 | -3 | 3 | 3.14

rows
SELECT 1::text || 'x', 12.50::text, true::text, 'yes'::boolean, 'off'::boolean, 1::boolean, 0::boolean
> 1x | 12.50 | true | t | f | t | f

rows
SELECT 'abcdef'::varchar(3), 'ab'::char(4) || '|', '2024-02-29'::date, '2024-01-02 03:04:05'::timestamp
> abc | ab| | 2024-02-29 | 2024-01-02 03:04:05

rows
SELECT '2024-01-02 03:04:05+02'::timestamptz, '2024-01-02'::date::timestamp, '2024-01-02 10:00:00'::timestamp::date
> 2024-01-02 01:04:05+00 | 2024-01-02 00:00:00 | 2024-01-02

rows
SELECT lower('ABC'), upper('abc'), length('héllo'), substring('abcdef' from 2 for 3), substring('abcdef', 3), substr('abcdef', 2, 2)
> abc | ABC | 5 | bcd | cdef | bc

rows
SELECT trim('  x  ') || '|', trim(both 'x' from 'xxaxx'), trim(leading 'x' from 'xxa'), trim(trailing 'x' from 'axx'), ltrim('  a'), rtrim('a  ') || '|'
> x| | a | a | a | a | a|

rows
SELECT position('c' in 'abcd'), position('z' in 'abcd'), strpos('abcd', 'cd'), replace('aXbXc', 'X', '-'), concat('a', NULL, 1, true), concat_ws('-', 'a', NULL, 'b')
> 3 | 0 | 3 | a-b-c | a1t | a-b

rows
SELECT abs(-5), abs(-2.5), round(2.567, 2), round(2.5), round(-2.5), floor(2.7), ceil(2.1), ceiling(-2.1), mod(7, 3), mod(-7, 3)
> 5 | 2.5 | 2.57 | 3 | -3 | 2 | 3 | -2 | 1 | -1

rows
SELECT round(2.5::float8), floor(-1.5::float8), sqrt(16), power(2, 10)
> 2 | -2 | 4 | 1024

rows
SELECT now(), current_timestamp, current_date, now()::date
> 2024-01-02 03:04:05.678+00 | 2024-01-02 03:04:05.678+00 | 2024-01-02 | 2024-01-02

rows
SELECT current_user, current_schema(), current_database(), current_catalog, session_user
~ current_user name | current_schema name | current_database name | current_catalog name | session_user name
> tessera | public | tessera | tessera | tessera

rows
SELECT version() LIKE 'PostgreSQL 15.20 (Tessera 0.1.0)%'
> t

rows
SELECT 1 = ANY(ARRAY[1, 2]), 3 = ANY(ARRAY[1, 2]), 1 <> ALL(ARRAY[2, 3]), 'a' = ANY('{a,b}'), ARRAY['x', 'y']
> t | f | t | t | {x,y}

rows
SELECT E'a\nb' = 'a' || chr(10) || 'b', 'it''s', E'tab\there'
> t | it's | tab	here

rows
SELECT -(-3), +4, -2.5, - 2147483648
> 3 | 4 | -2.5 | -2147483648

rows
SELECT left('abcdef', 2), right('abcdef', 2), repeat('ab', 3), reverse('abc'), split_part('a,b,c', ',', 2), lpad('7', 3, '0'), initcap('hello world')
> ab | ef | ababab | cba | b | 007 | Hello World
