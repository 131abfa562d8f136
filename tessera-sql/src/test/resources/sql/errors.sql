ok
CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(3), n INT NOT NULL)

error 42601 position 1
SELEC 1
! syntax error at or near "SELEC"

error 42601
SELECT * FROM t WHERE
! syntax error at end of input

error 42601 position 20
SELECT 1 FROM t t2 t3

error 42P01 position 15
SELECT * FROM nosuch
! relation "nosuch" does not exist

error 42P01 position 13
INSERT INTO nosuch VALUES (1)

error 42703 position 8
SELECT nosuch FROM t
! column "nosuch" does not exist

error 42703 position 8
SELECT t.nosuch FROM t
! column t.nosuch does not exist

error 42P01
SELECT x.id FROM t
! missing FROM-clause entry for table "x"

error 42702
SELECT id FROM t a, t b
! column reference "id" is ambiguous

error 22P02 position 31
INSERT INTO t VALUES (1, 'a', 'abc')
! invalid input syntax for type integer: "abc"

error 22P02
SELECT 'abc'::int

error 22P02
SELECT * FROM t WHERE id = 'x'

error 42804
INSERT INTO t VALUES (1, 'a', true)
! column "n" is of type integer but expression is of type boolean

error 42883
SELECT 1 + 'a'::text
! operator does not exist: integer + text

error 42804
SELECT * FROM t WHERE 1
! argument of WHERE must be type boolean, not type integer

error 22001
INSERT INTO t VALUES (1, 'abcd', 1)
! value too long for type character varying(3)

error 23502
INSERT INTO t (id, v) VALUES (1, 'a')
! null value in column "n" of relation "t" violates not-null constraint

error 22003
SELECT 99999::smallint
! smallint out of range

error 22003
SELECT 123.456::numeric(4,2)
! numeric field overflow

error 42803
SELECT id, count(*) FROM t
! column "t.id" must appear in the GROUP BY clause or be used in an aggregate function

error 42803
SELECT * FROM t WHERE count(*) > 1
! aggregate functions are not allowed

error 42883
SELECT nosuchfunction(1)
! function nosuchfunction(integer) does not exist

error 42P17
CREATE INDEX i ON t ((v || now()))
! functions in index expression must be marked IMMUTABLE

error 0A000
COPY t FROM '/tmp/data.csv' WITH (FORMAT csv)
! COPY FROM a file or program is not supported

error 0A000
ALTER TABLE t ADD CONSTRAINT t_fk FOREIGN KEY (v) REFERENCES t (v)
! FOREIGN KEY

error 0A000
SAVEPOINT s1

error 2201W
SELECT * FROM t LIMIT -1

error 22007
SELECT 'not a date'::date

error 42P10
SELECT DISTINCT v FROM t ORDER BY id

error 42601
VALUES (1), (1, 2)

error 0A000
TRUNCATE t RESTART IDENTITY

error 0A000
DROP TABLE t CASCADE
