ok
CREATE TABLE emp (id INT PRIMARY KEY, name TEXT, dept TEXT, salary INT)

ok INSERT 0 6
INSERT INTO emp VALUES (1, 'ann', 'eng', 100), (2, 'bob', 'eng', 80), (3, 'cid', 'ops', 60), (4, 'dan', NULL, 50), (5, 'eve', 'ops', 90), (6, 'fay', 'eng', 100)

rows
SELECT DISTINCT ON (dept) dept, name, salary FROM emp ORDER BY dept, salary DESC, id
> eng | ann | 100
> ops | eve | 90
> NULL | dan | 50

rows
SELECT DISTINCT ON (dept) name FROM emp ORDER BY dept, salary, id
> bob
> cid
> dan

rows
SELECT DISTINCT ON (1) dept, name FROM emp ORDER BY 1, 2 DESC
> eng | fay
> ops | eve
> NULL | dan

rows
SELECT DISTINCT ON (salary) salary FROM emp
> 50
> 60
> 80
> 90
> 100

error 42P10
SELECT DISTINCT ON (dept) name FROM emp ORDER BY salary
! SELECT DISTINCT ON expressions must match initial ORDER BY expressions

rows
SELECT DISTINCT ON (dept, salary) dept, salary FROM emp ORDER BY dept DESC, salary LIMIT 3
> NULL | 50
> ops | 60
> ops | 90

ok
CREATE TABLE dept (dept TEXT PRIMARY KEY, floor INT)

ok INSERT 0 2
INSERT INTO dept VALUES ('eng', 3), ('ops', 1)

rows
SELECT * FROM emp NATURAL JOIN dept ORDER BY id
> eng | 1 | ann | 100 | 3
> eng | 2 | bob | 80 | 3
> ops | 3 | cid | 60 | 1
> ops | 5 | eve | 90 | 1
> eng | 6 | fay | 100 | 3

rows
SELECT dept, name, floor FROM emp JOIN dept USING (dept) ORDER BY id
> eng | ann | 3
> eng | bob | 3
> ops | cid | 1
> ops | eve | 1
> eng | fay | 3

rows
SELECT * FROM emp LEFT JOIN dept USING (dept) ORDER BY id
> eng | 1 | ann | 100 | 3
> eng | 2 | bob | 80 | 3
> ops | 3 | cid | 60 | 1
> NULL | 4 | dan | 50 | NULL
> ops | 5 | eve | 90 | 1
> eng | 6 | fay | 100 | 3

rows
SELECT emp.dept, dept.dept, dept FROM emp LEFT JOIN dept USING (dept) ORDER BY id
> eng | eng | eng
> eng | eng | eng
> ops | ops | ops
> NULL | NULL | NULL
> ops | ops | ops
> eng | eng | eng

rows
SELECT dept, floor FROM emp RIGHT JOIN dept USING (dept) WHERE id IS NULL OR id = 1
> eng | 3

