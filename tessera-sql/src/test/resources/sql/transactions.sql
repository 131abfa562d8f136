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
