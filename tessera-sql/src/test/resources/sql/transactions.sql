-- Transaction syntax: isolation levels and modes, the transaction-scoped settings.

rows
SHOW transaction_isolation
~ transaction_isolation text
> read committed

rows
SHOW default_transaction_isolation
> read committed

rows
SELECT current_setting('transaction_isolation'), current_setting('transaction_read_only'), current_setting('transaction_deferrable')
> read committed | off | off

ok BEGIN
BEGIN TRANSACTION ISOLATION LEVEL SERIALIZABLE, READ ONLY, NOT DEFERRABLE

ok COMMIT
COMMIT

ok BEGIN
BEGIN WORK READ WRITE ISOLATION LEVEL READ UNCOMMITTED DEFERRABLE

ok ROLLBACK
ROLLBACK

ok BEGIN
START TRANSACTION ISOLATION LEVEL REPEATABLE READ READ WRITE

ok COMMIT
END

error 42601
BEGIN ISOLATION LEVEL SOMETIMES
! syntax error at or near "SOMETIMES"

error 42601
BEGIN ISOLATION LEVEL REPEATABLE WRITE
! syntax error at or near "WRITE"

error 42601
START TRANSACTION READ SOMETIMES

-- SET TRANSACTION lasts until the end of the transaction block.

ok BEGIN
BEGIN

ok SET
SET TRANSACTION ISOLATION LEVEL REPEATABLE READ

rows
SHOW transaction_isolation
> repeatable read

rows
SHOW TRANSACTION ISOLATION LEVEL
> repeatable read

rows
SELECT current_setting('transaction_isolation')
> repeatable read

ok SET
SET TRANSACTION ISOLATION LEVEL SERIALIZABLE, READ ONLY

rows
SELECT current_setting('transaction_isolation'), current_setting('transaction_read_only')
> serializable | on

ok COMMIT
COMMIT

rows
SELECT current_setting('transaction_isolation'), current_setting('transaction_read_only')
> read committed | off

-- Outside a transaction block, SET TRANSACTION has no effect (PostgreSQL warns and ignores it).

ok SET
SET TRANSACTION ISOLATION LEVEL SERIALIZABLE

rows
SHOW transaction_isolation
> read committed

ok BEGIN
BEGIN

ok SET
SET transaction_isolation = 'serializable'

rows
SHOW transaction_isolation
> serializable

ok ROLLBACK
ROLLBACK

rows
SHOW transaction_isolation
> read committed

-- The session defaults: what transaction_isolation reads when the transaction did not set it.

ok SET
SET default_transaction_isolation = 'repeatable read'

rows
SHOW transaction_isolation
> repeatable read

ok BEGIN
BEGIN

rows
SHOW transaction_isolation
> repeatable read

ok SET
SET LOCAL transaction_isolation TO 'READ   COMMITTED'

rows
SHOW transaction_isolation
> read committed

ok COMMIT
COMMIT

rows
SHOW transaction_isolation
> repeatable read

ok SET
SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL SERIALIZABLE

rows
SELECT current_setting('default_transaction_isolation'), current_setting('transaction_isolation')
> serializable | serializable

ok SET
SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL READ COMMITTED, READ ONLY

rows
SELECT current_setting('default_transaction_isolation'), current_setting('default_transaction_read_only'), current_setting('transaction_read_only')
> read committed | on | on

ok SET
SET default_transaction_read_only = off

ok RESET
RESET default_transaction_isolation

rows
SHOW transaction_isolation
> read committed

-- Invalid levels: 22023 as in PostgreSQL.

error 22023
SET default_transaction_isolation = 'sometimes'
! invalid value for parameter "default_transaction_isolation": "sometimes"

ok BEGIN
BEGIN

error 22023
SET transaction_isolation = 'snapshot'
! invalid value for parameter "transaction_isolation": "snapshot"

ok ROLLBACK
ROLLBACK

error 22023
SET default_transaction_read_only = 'maybe'
! requires a Boolean value

error 0A000
SET TRANSACTION SNAPSHOT '00000003-0000001B-1'

-- UPDATE and DELETE ... RETURNING

ok
CREATE TABLE acct (id INT PRIMARY KEY, owner TEXT, balance INT NOT NULL)

ok INSERT 0 4
INSERT INTO acct VALUES (1, 'ann', 100), (2, 'bob', 50), (3, 'cid', 0), (4, 'ann', 7)

rows
UPDATE acct SET balance = balance - 30 WHERE id = 1 RETURNING id, balance, balance + 30 AS before
~ id integer | balance integer | before integer
> 1 | 70 | 100

rows unordered
UPDATE acct a SET balance = a.balance + 1 WHERE a.owner = 'ann' RETURNING *
> 1 | ann | 71
> 4 | ann | 8

ok UPDATE 0
UPDATE acct SET balance = 0 WHERE id = 99 RETURNING id

rows
DELETE FROM acct WHERE balance = 0 RETURNING id, upper(owner)
~ id integer | upper text
> 3 | CID

rows
SELECT id FROM acct ORDER BY id
> 1
> 2
> 4

-- INSERT ... ON CONFLICT: the table's alias, EXCLUDED, ON CONSTRAINT, RETURNING after DO UPDATE

rows
INSERT INTO acct AS t VALUES (2, 'bob', 5), (5, 'eve', 1) ON CONFLICT (id) DO UPDATE SET balance = t.balance + EXCLUDED.balance RETURNING *
> 2 | bob | 55
> 5 | eve | 1

rows
INSERT INTO acct VALUES (5, 'eve', 9) ON CONFLICT ON CONSTRAINT acct_pkey DO UPDATE SET balance = excluded.balance, owner = 'EVE' RETURNING id, owner, balance
> 5 | EVE | 9

ok INSERT 0 0
INSERT INTO acct VALUES (5, 'x', 1) ON CONFLICT ON CONSTRAINT acct_pkey DO NOTHING

rows
INSERT INTO acct VALUES (5, 'x', 1) ON CONFLICT (id) DO UPDATE SET balance = 0 WHERE acct.owner = 'nobody' RETURNING id
tag INSERT 0 0

error 42704
INSERT INTO acct VALUES (5, 'x', 1) ON CONFLICT ON CONSTRAINT nosuch DO NOTHING
! constraint "nosuch" for table "acct" does not exist

error 42703
INSERT INTO acct VALUES (5, 'x', 1) ON CONFLICT (nosuch) DO NOTHING

error 42P10
INSERT INTO acct VALUES (5, 'x', 1) ON CONFLICT (owner) DO NOTHING

-- ON CONFLICT on a unique secondary index

ok
CREATE TABLE users (id INT PRIMARY KEY, email TEXT, name TEXT)

ok CREATE INDEX
CREATE UNIQUE INDEX users_email_key ON users (email)

ok INSERT 0 3
INSERT INTO users VALUES (1, 'a@x', 'Ann'), (2, 'b@x', 'Bob'), (3, NULL, 'Nobody')

rows
INSERT INTO users VALUES (10, 'a@x', 'Ann B.') ON CONFLICT (email) DO UPDATE SET name = EXCLUDED.name RETURNING id, email, name
> 1 | a@x | Ann B.

ok INSERT 0 1
INSERT INTO users VALUES (11, 'b@x', 'dup'), (12, 'c@x', 'Cid') ON CONFLICT ON CONSTRAINT users_email_key DO NOTHING

-- Without a target, DO NOTHING skips a conflict on any unique key.
ok INSERT 0 1
INSERT INTO users VALUES (13, 'c@x', 'dup'), (1, 'z@x', 'dup'), (14, 'd@x', 'Dee') ON CONFLICT DO NOTHING

-- NULLs never conflict; two rows of one statement with the same value do.
ok INSERT 0 1
INSERT INTO users VALUES (15, NULL, 'Null too') ON CONFLICT (email) DO NOTHING

ok INSERT 0 1
INSERT INTO users VALUES (16, 'e@x', 'one'), (17, 'e@x', 'two') ON CONFLICT (email) DO NOTHING

error 21000
INSERT INTO users VALUES (18, 'f@x', 'one'), (19, 'f@x', 'two') ON CONFLICT (email) DO UPDATE SET name = excluded.name

-- A conflict on a key other than the arbiter is still a unique violation.
error 23505
INSERT INTO users VALUES (20, 'a@x', 'Ann again') ON CONFLICT (id) DO NOTHING

rows
SELECT id, email, name FROM users ORDER BY id
> 1 | a@x | Ann B.
> 2 | b@x | Bob
> 3 | NULL | Nobody
> 12 | c@x | Cid
> 14 | d@x | Dee
> 15 | NULL | Null too
> 16 | e@x | one

-- A READ ONLY transaction reads but does not write (25006).

ok BEGIN
BEGIN

ok SET
SET TRANSACTION READ ONLY

rows
SELECT count(*) FROM users
> 7

error 25006
INSERT INTO users VALUES (30, 'r@x', 'ro')
! cannot execute INSERT in a read-only transaction

ok ROLLBACK
ROLLBACK

ok SET
SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY

error 25006
UPDATE users SET name = 'x'

error 25006
DELETE FROM users

error 25006
SELECT * FROM users FOR UPDATE

ok SET
SET default_transaction_read_only = off

ok UPDATE 1
UPDATE users SET name = 'Bobby' WHERE id = 2
