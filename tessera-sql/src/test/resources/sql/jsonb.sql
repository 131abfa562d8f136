-- jsonb document data: operators, functions, aggregates and set-returning functions, as PostgreSQL 15 answers
ok CREATE TABLE
CREATE TABLE people (id INT PRIMARY KEY, doc JSONB)

ok INSERT 0 4
INSERT INTO people VALUES (1, '{"name": "ann", "email": "ann@x.org", "tags": ["sql", "go"], "addr": {"city": "Oslo", "zip": "0150"}, "friends": [2, 3]}'), (2, '{"name": "bob", "tags": ["java"], "addr": {"city": "Bergen"}, "friends": [1, 4], "age": null}'), (3, '{"name": "cy", "tags": [], "friends": [4]}'), (4, '{"name": "dee", "tags": ["sql"], "friends": []}')

-- path navigation
rows
SELECT id, doc #> '{addr,city}', doc #>> '{addr,city}', doc #> '{tags,0}', doc #>> '{tags,-1}' FROM people ORDER BY id
> 1 | "Oslo" | Oslo | "sql" | go
> 2 | "Bergen" | Bergen | "java" | java
> 3 | NULL | NULL | NULL | NULL
> 4 | NULL | NULL | "sql" | sql

rows
SELECT '{"a":{"b":[1,{"c":3}]}}'::jsonb #> '{a,b,1}', '{"a":{"b":[1,{"c":3}]}}'::jsonb #>> '{a,b,1,c}', '{"a":{"b":[1,{"c":3}]}}'::jsonb #> '{}', '[1,2]'::jsonb #> '{x}'
> {"c": 3} | 3 | {"a": {"b": [1, {"c": 3}]}} | NULL

rows
SELECT doc -> 'addr' #>> '{zip}' FROM people WHERE id = 1
> 0150

rows
SELECT jsonb_extract_path(doc, 'addr', 'city'), jsonb_extract_path_text(doc, 'tags', '1') FROM people WHERE id = 1
> "Oslo" | go

-- existence and containment
rows unordered
SELECT id FROM people WHERE doc ? 'email'
> 1

rows unordered
SELECT id FROM people WHERE doc -> 'tags' ? 'sql'
> 1
> 4

rows unordered
SELECT id FROM people WHERE doc ?| array['email', 'age']
> 1
> 2

rows unordered
SELECT id FROM people WHERE doc ?& array['name', 'addr']
> 1
> 2

rows unordered
SELECT id FROM people WHERE '{"tags": ["sql"]}' <@ doc
> 1
> 4

rows
SELECT '"a"'::jsonb ? 'a', '["a", 1]'::jsonb ? '1', '{"a": 1}'::jsonb ?& '{}', '{"a": 1}'::jsonb ?| '{}', '[1, [2, 3]]'::jsonb @> '[[3]]', '{"a": {"b": 1, "c": 2}}'::jsonb @> '{"a": {"c": 2}}'
> t | f | t | f | t | t

-- delete and concatenate
rows
SELECT '{"a": 1, "b": 2}'::jsonb - 'a', '["a", "b", "a"]'::jsonb - 'a', '[1, 2, 3]'::jsonb - 1, '[1, 2, 3]'::jsonb - -1, '[1, 2]'::jsonb - 5, '{"a": 1, "b": 2, "c": 3}'::jsonb - '{a,c}'::text[]
> {"b": 2} | ["b"] | [1, 3] | [1, 2] | [1, 2] | {"b": 2}

rows
SELECT '{"a": 1}'::jsonb || '{"b": 2, "a": 3}', '[1, 2]'::jsonb || '[3]', '[1]'::jsonb || '{"a": 1}', '{"a": 1}'::jsonb || '[1]', '1'::jsonb || '"x"', '{"a": 1}'::jsonb || '2'
> {"a": 3, "b": 2} | [1, 2, 3] | [1, {"a": 1}] | [{"a": 1}, 1] | [1, "x"] | [{"a": 1}, 2]

rows
SELECT doc - 'friends' - 'tags' || '{"seen": true}' FROM people WHERE id = 4
> {"name": "dee", "seen": true}

-- builders
rows
SELECT jsonb_build_object('a', 1, 'b', 'x', 'c', NULL, 'a', 2, 1, true), jsonb_build_array(1, 'x', NULL, '{"a":1}'::jsonb, 2.50), jsonb_build_object(), jsonb_build_array()
> {"1": true, "a": 2, "b": "x", "c": null} | [1, "x", null, {"a": 1}, 2.50] | {} | []

rows
SELECT jsonb_build_object('id', id, 'name', doc ->> 'name', 'n', jsonb_array_length(doc -> 'tags')) FROM people ORDER BY id
> {"n": 2, "id": 1, "name": "ann"}
> {"n": 1, "id": 2, "name": "bob"}
> {"n": 0, "id": 3, "name": "cy"}
> {"n": 1, "id": 4, "name": "dee"}

rows
SELECT to_jsonb(1), to_jsonb(1.50), to_jsonb(1.5::float8), to_jsonb(true), to_jsonb('x'::text), to_jsonb(ARRAY['a', 'b']), to_jsonb('2024-03-04'::date), to_jsonb('2024-03-04 05:06:07.5'::timestamp), to_jsonb(NULL::text)
> 1 | 1.50 | 1.5 | true | "x" | ["a", "b"] | "2024-03-04" | "2024-03-04T05:06:07.5" | NULL

rows
SELECT '1e5'::jsonb, '1.0e-3'::jsonb, '[1.50, -0.5e2]'::jsonb
> 100000 | 0.0010 | [1.50, -50]

-- scalar functions
rows
SELECT jsonb_typeof('{}'), jsonb_typeof('[]'), jsonb_typeof('"s"'), jsonb_typeof('1.5'), jsonb_typeof('false'), jsonb_typeof('null')
> object | array | string | number | boolean | null

rows
SELECT id, jsonb_typeof(doc -> 'age'), jsonb_array_length(doc -> 'friends') FROM people ORDER BY id
> 1 | NULL | 2
> 2 | null | 2
> 3 | NULL | 1
> 4 | NULL | 0

rows
SELECT jsonb_strip_nulls('{"a": 1, "b": null, "c": [null, {"d": null}]}'), jsonb_strip_nulls(doc) FROM people WHERE id = 2
> {"a": 1, "c": [null, {}]} | {"addr": {"city": "Bergen"}, "name": "bob", "tags": ["java"], "friends": [1, 4]}

rows
SELECT replace(jsonb_pretty('{"a": 1, "b": [1, 2, {}], "c": {}, "d": []}'), E'\n', '/'), jsonb_pretty('1'), replace(jsonb_pretty('[]'), E'\n', '/')
> {/    "a": 1,/    "b": [/        1,/        2,/        {/        }/    ],/    "c": {/    },/    "d": [/    ]/} | 1 | [/]

rows
SELECT jsonb_set(doc, '{addr,city}', '"Trondheim"'), jsonb_set(doc, '{addr,street}', '"Main"', false) FROM people WHERE id = 2
> {"age": null, "addr": {"city": "Trondheim"}, "name": "bob", "tags": ["java"], "friends": [1, 4]} | {"age": null, "addr": {"city": "Bergen"}, "name": "bob", "tags": ["java"], "friends": [1, 4]}

rows
SELECT jsonb_set('{"a": [1, 2]}', '{a,0}', '9'), jsonb_set('{"a": [1, 2]}', '{a,5}', '9'), jsonb_set('{"a": [1, 2]}', '{a,-9}', '9'), jsonb_set('{"a": 1}', '{b,c}', '2'), jsonb_set('{"a": 1}', '{}', '2'), jsonb_set('{"a": 1}', '{b}', NULL)
> {"a": [9, 2]} | {"a": [1, 2, 9]} | {"a": [9, 1, 2]} | {"a": 1} | {"a": 1} | NULL

ok UPDATE 1
UPDATE people SET doc = jsonb_set(doc, '{tags}', (doc -> 'tags') || '["new"]') WHERE id = 3

rows
SELECT doc -> 'tags' FROM people WHERE id = 3
> ["new"]

-- aggregates
rows
SELECT jsonb_agg(id) FROM (SELECT id FROM people ORDER BY id) s
> [1, 2, 3, 4]

rows
SELECT jsonb_agg(doc -> 'name'), jsonb_agg(doc -> 'age') FROM people WHERE id IN (1, 2)
> ["ann", "bob"] | [null, null]

rows
SELECT jsonb_object_agg(doc ->> 'name', jsonb_array_length(doc -> 'tags')) FROM people
> {"cy": 1, "ann": 2, "bob": 1, "dee": 1}

rows
SELECT jsonb_agg(id), jsonb_object_agg('k', id) FROM people WHERE id > 10
> NULL | NULL

rows
SELECT jsonb_agg(x) FROM (VALUES (1), (NULL), (3)) t(x)
> [1, null, 3]

rows
SELECT doc -> 'tags' -> 0 AS first_tag, count(*), jsonb_agg(id) FROM people GROUP BY doc -> 'tags' -> 0 ORDER BY 1
> "java" | 1 | [2]
> "new" | 1 | [3]
> "sql" | 2 | [1, 4]

-- set-returning functions in FROM and the select list
rows
SELECT * FROM jsonb_array_elements('[1, "a", {"b": null}]')
> 1
> "a"
> {"b": null}

rows
SELECT * FROM jsonb_array_elements_text('[1, "a", null, {"b": 2}]')
> 1
> a
> NULL
> {"b": 2}

rows
SELECT * FROM jsonb_each('{"b": [1], "a": "x", "c": null}')
> a | "x"
> b | [1]
> c | null

rows
SELECT key, value FROM jsonb_each_text('{"b": [1], "a": "x", "c": null}')
> a | x
> b | [1]
> c | NULL

rows
SELECT * FROM jsonb_object_keys('{"bb": 1, "a": 2, "c": 3}')
> a
> c
> bb

rows
SELECT e.value, e.ordinality FROM jsonb_array_elements('[10, 20]') WITH ORDINALITY AS e
> 10 | 1
> 20 | 2

rows
SELECT jsonb_array_elements_text(doc -> 'tags') AS tag FROM people WHERE id = 1
> sql
> go

rows
SELECT p.id, t FROM people p, jsonb_array_elements_text(p.doc -> 'tags') AS t ORDER BY p.id, t
> 1 | go
> 1 | sql
> 2 | java
> 3 | new
> 4 | sql

rows
SELECT t, count(*) FROM people, jsonb_array_elements_text(people.doc -> 'tags') t GROUP BY t ORDER BY t
> go | 1
> java | 1
> new | 1
> sql | 2

rows
SELECT p.id, e.key, e.value FROM people p, jsonb_each(p.doc -> 'addr') e ORDER BY p.id, e.key
> 1 | city | "Oslo"
> 1 | zip | "0150"
> 2 | city | "Bergen"

-- friends of friends: ids from a jsonb array joined back to the table
rows
SELECT DISTINCT fof.doc ->> 'name' AS name FROM people p, jsonb_array_elements(p.doc -> 'friends') f JOIN people fr ON fr.id = (f.value)::text::int, jsonb_array_elements(fr.doc -> 'friends') ff JOIN people fof ON fof.id = (ff.value)::text::int WHERE p.doc ->> 'name' = 'ann' AND fof.id <> p.id ORDER BY name
> dee

-- operator precedence as PostgreSQL: navigation binds tighter than comparison and logic
rows
SELECT id FROM people WHERE doc ->> 'name' = 'ann' OR doc -> 'addr' ->> 'city' = 'Bergen' ORDER BY id
> 1
> 2

rows
SELECT id FROM people WHERE doc ->> 'age' IS NULL AND doc -> 'tags' @> '["sql"]' ORDER BY id
> 1
> 4

rows
SELECT doc ->> 'name' || '!' FROM people WHERE id = 1
> ann!

rows
SELECT doc -> 'friends' -> 0 FROM people WHERE doc -> 'friends' -> 0 IS NOT NULL ORDER BY id
> 2
> 1
> 4

rows
SELECT id FROM people WHERE (doc ->> 'name') LIKE 'a%'
> 1

rows
SELECT * FROM jsonb_array_elements('[1, 2]') AS x
~ value jsonb
> 1
> 2

rows
SELECT x, x.value FROM jsonb_array_elements('[1, "a"]') x
> 1 | 1
> "a" | "a"

rows
SELECT * FROM jsonb_object_keys('{"a": 1}') k
~ k text
> a

-- jsonb ordering (object > array > boolean > number > string > null), records, window aggregates
rows
SELECT v FROM (VALUES ('10'::jsonb), ('9'), ('"a"'), ('null'), ('[1]'), ('{}'), ('true'), ('[]'), ('{"b": 1}'), ('{"aa": 1}'), ('[0, 5]')) t(v) ORDER BY v
> []
> null
> "a"
> 9
> 10
> true
> [1]
> [0, 5]
> {}
> {"aa": 1}
> {"b": 1}

rows
SELECT '1.0'::jsonb = '1', '{"a": 1, "b": 2}'::jsonb > '{"c": 1}', '[1, 2]'::jsonb > '[3]'
> t | t | t

rows
SELECT id FROM people WHERE doc -> 'friends' -> 0 > '1' ORDER BY id
> 1
> 3

rows
SELECT jsonb_each('{"a": "x", "b": [1, 2], "c": null}')
> (a,"""x""")
> (b,"[1, 2]")
> (c,null)

rows
SELECT jsonb_agg(id) OVER (ORDER BY id) FROM people ORDER BY id
> [1]
> [1, 2]
> [1, 2, 3]
> [1, 2, 3, 4]

-- ORDER BY inside an aggregate call
rows
SELECT jsonb_agg(doc ->> 'name' ORDER BY id DESC), jsonb_object_agg(id, doc -> 'tags' ORDER BY id), string_agg(doc ->> 'name', ',' ORDER BY doc ->> 'name' DESC) FROM people
> ["dee", "cy", "bob", "ann"] | {"1": ["sql", "go"], "2": ["java"], "3": ["new"], "4": ["sql"]} | dee,cy,bob,ann

rows
SELECT jsonb_array_length(doc -> 'friends') AS n, jsonb_agg(jsonb_build_object('id', id, 'name', doc ->> 'name') ORDER BY doc ->> 'name' DESC) FROM people GROUP BY 1 ORDER BY 1
> 0 | [{"id": 4, "name": "dee"}]
> 1 | [{"id": 3, "name": "cy"}]
> 2 | [{"id": 2, "name": "bob"}, {"id": 1, "name": "ann"}]

rows
SELECT jsonb_agg(x ORDER BY x NULLS FIRST) FROM (VALUES (2), (NULL), (1)) t(x)
> [null, 1, 2]

-- navigation inside function arguments (JSqlParser reads col -> 'k' there as a lambda)
rows
SELECT jsonb_build_object('t', doc -> 'tags', 'c', doc -> 'addr' ->> 'city'), coalesce(doc -> 'addr', '{}'), jsonb_typeof(doc -> 'name') FROM people WHERE id = 1
> {"c": "Oslo", "t": ["sql", "go"]} | {"zip": "0150", "city": "Oslo"} | string

-- errors
error 22P02
SELECT '{"a": 1'::jsonb
! invalid input syntax for type json

error 22023
SELECT * FROM jsonb_array_elements('{"a": 1}')
! cannot extract elements from an object

error 22023
SELECT * FROM jsonb_array_elements('1')
! cannot extract elements from a scalar

error 22023
SELECT * FROM jsonb_each('[1]')
! cannot call jsonb_each on a non-object

error 22023
SELECT * FROM jsonb_object_keys('[1]')
! cannot call jsonb_object_keys on an array

error 22023
SELECT jsonb_array_length('{}')
! cannot get array length of a non-array

error 22023
SELECT '{"a": 1}'::jsonb - 1
! cannot delete from object using integer index

error 22023
SELECT '1'::jsonb - 'a'
! cannot delete from scalar

error 22023
SELECT jsonb_set('1', '{a}', '2')
! cannot set path in scalar

error 22P02
SELECT jsonb_set('[1]', '{a}', '2')
! path element at position 1 is not an integer: "a"

error 22023
SELECT jsonb_build_object('a')
! argument list must have even number of elements

error 22023
SELECT jsonb_build_object(NULL, 1)
! argument 1: key must not be null

error 22023
SELECT jsonb_object_agg(k, v) FROM (VALUES (NULL::text, 1)) t(k, v)
! field name must not be null

error 42883
SELECT 1 ? 'a'
! operator does not exist: integer ? unknown

error 42883
SELECT '{}'::jsonb - '{}'::jsonb
! operator does not exist: jsonb - jsonb

error 42883
SELECT jsonb_typeof(1)
! function jsonb_typeof(integer) does not exist

error 42883
SELECT 1 #> '{a}'
! operator does not exist: integer #> unknown

