ok
CREATE TABLE acct (id INT PRIMARY KEY, balance INT CHECK (balance >= 0), lim INT CONSTRAINT lim_small CHECK (lim < 1000), owner TEXT, CHECK (balance <= lim), CHECK (length(owner) > 1))

ok INSERT 0 1
INSERT INTO acct VALUES (1, 10, 100, 'ann')

error 23514
INSERT INTO acct VALUES (2, -5, 100, 'bob')
! new row for relation "acct" violates check constraint "acct_balance_check"
! Failing row contains (2, -5, 100, bob).

error 23514
INSERT INTO acct VALUES (3, 500, 100, 'cid')
! new row for relation "acct" violates check constraint "acct_check"

error 23514
INSERT INTO acct VALUES (4, 5, 5000, 'dan')
! new row for relation "acct" violates check constraint "lim_small"

error 23514
INSERT INTO acct VALUES (5, 5, 50, 'e')
! new row for relation "acct" violates check constraint "acct_owner_check"

ok INSERT 0 1
INSERT INTO acct VALUES (6, NULL, NULL, NULL)

error 23514
UPDATE acct SET balance = balance - 20 WHERE id = 1
! new row for relation "acct" violates check constraint "acct_balance_check"

ok UPDATE 1
UPDATE acct SET balance = balance - 10 WHERE id = 1

rows
SELECT id, balance, lim, owner FROM acct ORDER BY id
> 1 | 0 | 100 | ann
> 6 | NULL | NULL | NULL

error 23514
INSERT INTO acct VALUES (1, -1, 10, 'zed') ON CONFLICT (id) DO UPDATE SET balance = -1
! new row for relation "acct" violates check constraint "acct_balance_check"

error 42804
CREATE TABLE bad (x INT CHECK (x + 1))
! argument of CHECK must be type boolean, not type integer

error 42703
CREATE TABLE bad (x INT CHECK (y > 0))
! column "y" does not exist

