ok
CREATE TABLE emp (id INT PRIMARY KEY, name TEXT, dept TEXT, salary INT)

ok INSERT 0 4
INSERT INTO emp VALUES (1, 'ann', 'eng', 100), (2, 'bob', 'eng', 80), (3, 'cid', 'ops', 60), (4, 'dan', NULL, 50)

ok CREATE VIEW
CREATE VIEW eng AS SELECT id, name, salary FROM emp WHERE dept = 'eng'

rows
SELECT * FROM eng ORDER BY id
> 1 | ann | 100
> 2 | bob | 80

rows
SELECT e.name FROM eng e WHERE e.salary > 90
> ann

ok CREATE VIEW
CREATE VIEW dept_pay (dept, total, n) AS SELECT dept, sum(salary), count(*) FROM emp GROUP BY dept

rows
SELECT dept, total, n FROM dept_pay ORDER BY dept NULLS LAST
> eng | 180 | 2
> ops | 60 | 1
> NULL | 50 | 1

rows
SELECT e.name, d.total FROM emp e JOIN dept_pay d ON d.dept = e.dept ORDER BY e.id
> ann | 180
> bob | 180
> cid | 60

ok CREATE VIEW
CREATE VIEW rich AS SELECT name FROM eng WHERE salary >= 100

rows
SELECT * FROM rich
> ann

error 42P07
CREATE VIEW eng AS SELECT 1
! relation "eng" already exists

error 42P07
CREATE VIEW emp AS SELECT 1
! relation "emp" already exists

error 42P07
CREATE TABLE eng (a INT)
! relation "eng" already exists

ok CREATE VIEW
CREATE OR REPLACE VIEW eng AS SELECT id, name, salary, dept FROM emp WHERE dept = 'eng' AND salary > 90

rows
SELECT * FROM eng
> 1 | ann | 100 | eng

error 42P16
CREATE OR REPLACE VIEW eng AS SELECT id FROM emp
! cannot drop columns from view

error 42601
CREATE VIEW bad (a, b) AS SELECT 1
! CREATE VIEW specifies more column names than columns

error 42703
CREATE VIEW bad2 AS SELECT nosuch FROM emp
! column "nosuch" does not exist

error 42P01
SELECT * FROM bad2
! relation "bad2" does not exist

error 55000
INSERT INTO dept_pay VALUES ('x', 1, 1)
! cannot insert into view "dept_pay"

error 2BP01
DROP TABLE emp
! cannot drop table emp because other objects depend on it

error 42809
DROP TABLE eng
! "eng" is not a table

error 42809
DROP VIEW emp
! "emp" is not a view

ok DROP VIEW
DROP VIEW rich, eng

ok DROP VIEW
DROP VIEW IF EXISTS rich

error 42P01
DROP VIEW rich
! view "rich" does not exist

ok DROP VIEW
DROP VIEW dept_pay

ok DROP TABLE
DROP TABLE emp

