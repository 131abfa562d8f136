rows
SHOW application_name
~ application_name text
> tests

ok SET
SET application_name = 'psql'

rows
SHOW application_name
> psql

ok SET
SET SESSION application_name TO DEFAULT

rows
SHOW application_name
> 

rows
SHOW server_version
> 15.20 (Tessera 0.1.0)

rows
SHOW transaction_read_only
> off

rows
SHOW TRANSACTION ISOLATION LEVEL
~ transaction_isolation text
> read committed

ok SET
SET extra_float_digits = 3

ok SET
SET search_path TO "$user", public

rows
SHOW search_path
> "$user", public

ok SET
SET TIME ZONE 'Europe/Paris'

rows
SELECT '2024-01-02 00:00:00+00'::timestamptz, '2024-01-02 00:00:00'::timestamptz, current_setting('timezone')
> 2024-01-02 00:00:00+00 | 2024-01-01 23:00:00+00 | Europe/Paris

ok SET
SET TimeZone = 'UTC'

error 22023
SET TimeZone = 'Mars/Olympus'

error 22023
SET client_encoding = 'LATIN1'

ok SET
SET client_encoding = 'utf8'

ok SET
SET DateStyle = 'ISO, DMY'

rows
SHOW datestyle
~ DateStyle text
> ISO, DMY

error 0A000
SET DateStyle = 'German'

error 42704
SET nosuch = 1

error 42704
SHOW nosuch

ok RESET
RESET application_name

ok RESET
RESET ALL

rows
SELECT set_config('application_name', 'x', false), current_setting('application_name')
> x | x

ok SET
SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL SERIALIZABLE

ok SET
SET statement_timeout = 0

ok SET
SET lock_timeout TO '5s'

ok VACUUM
VACUUM ANALYZE

ok ANALYZE
ANALYZE

ok DISCARD ALL
DISCARD ALL

ok DEALLOCATE ALL
DEALLOCATE ALL

ok BEGIN
BEGIN

ok COMMIT
COMMIT

ok BEGIN
START TRANSACTION ISOLATION LEVEL REPEATABLE READ

ok ROLLBACK
ROLLBACK

ok BEGIN
BEGIN

error 22012
SELECT 1/0

error 25P02
SELECT 1
! current transaction is aborted

ok ROLLBACK
COMMIT

rows
SELECT 1
> 1

ok BEGIN
BEGIN

ok SET
SET LOCAL application_name = 'inner'

rows
SHOW application_name
> inner

ok COMMIT
END

rows
SHOW application_name
> 

ok SHOW
SHOW ALL
