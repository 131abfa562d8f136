ok
CREATE TABLE sales (id INT PRIMARY KEY, region TEXT, amount INT)

ok INSERT 0 7
INSERT INTO sales VALUES (1, 'eu', 10), (2, 'eu', 20), (3, 'eu', 20), (4, 'us', 5), (5, 'us', 15), (6, 'us', NULL), (7, 'ap', 7)

rows
SELECT id, lag(amount) OVER (ORDER BY id), lead(amount) OVER (ORDER BY id) FROM sales ORDER BY id
> 1 | NULL | 20
> 2 | 10 | 20
> 3 | 20 | 5
> 4 | 20 | 15
> 5 | 5 | NULL
> 6 | 15 | 7
> 7 | NULL | NULL

rows
SELECT id, lag(amount, 2, -1) OVER (PARTITION BY region ORDER BY id), lead(amount, 1, 0) OVER (PARTITION BY region ORDER BY id) FROM sales ORDER BY id
> 1 | -1 | 20
> 2 | -1 | 20
> 3 | 10 | 0
> 4 | -1 | 15
> 5 | -1 | NULL
> 6 | 5 | 0
> 7 | -1 | 0

rows
SELECT id, sum(amount) OVER (PARTITION BY region ORDER BY amount), count(*) OVER (PARTITION BY region ORDER BY amount) FROM sales ORDER BY id
> 1 | 10 | 1
> 2 | 50 | 3
> 3 | 50 | 3
> 4 | 5 | 1
> 5 | 20 | 2
> 6 | 20 | 3
> 7 | 7 | 1

rows
SELECT id, sum(amount) OVER (PARTITION BY region), avg(amount) OVER (PARTITION BY region), min(amount) OVER (), max(amount) OVER () FROM sales ORDER BY id
> 1 | 50 | 16.6666666666666667 | 5 | 20
> 2 | 50 | 16.6666666666666667 | 5 | 20
> 3 | 50 | 16.6666666666666667 | 5 | 20
> 4 | 20 | 10.0000000000000000 | 5 | 20
> 5 | 20 | 10.0000000000000000 | 5 | 20
> 6 | 20 | 10.0000000000000000 | 5 | 20
> 7 | 7 | 7.0000000000000000 | 5 | 20

rows
SELECT id, count(amount) OVER (ORDER BY region), sum(amount) OVER (ORDER BY region, id) FROM sales ORDER BY id
> 1 | 4 | 17
> 2 | 4 | 37
> 3 | 4 | 57
> 4 | 6 | 62
> 5 | 6 | 77
> 6 | 6 | 77
> 7 | 1 | 7

rows
SELECT id, first_value(amount) OVER (PARTITION BY region ORDER BY id), last_value(amount) OVER (PARTITION BY region ORDER BY id) FROM sales ORDER BY id
> 1 | 10 | 10
> 2 | 10 | 20
> 3 | 10 | 20
> 4 | 5 | 5
> 5 | 5 | 15
> 6 | 5 | NULL
> 7 | 7 | 7

rows
SELECT id, last_value(id) OVER (ORDER BY amount ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING), nth_value(id, 2) OVER (ORDER BY id RANGE BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) FROM sales ORDER BY id
> 1 | 6 | 2
> 2 | 6 | 2
> 3 | 6 | 2
> 4 | 6 | 2
> 5 | 6 | 2
> 6 | 6 | 2
> 7 | 6 | 2

rows
SELECT id, ntile(3) OVER (ORDER BY id), ntile(2) OVER (PARTITION BY region ORDER BY id) FROM sales ORDER BY id
> 1 | 1 | 1
> 2 | 1 | 1
> 3 | 1 | 2
> 4 | 2 | 1
> 5 | 2 | 1
> 6 | 3 | 2
> 7 | 3 | 1

rows
SELECT id, sum(amount) OVER (ORDER BY id ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING), avg(amount) OVER (ORDER BY id ROWS 2 PRECEDING) FROM sales ORDER BY id
> 1 | 30 | 10.0000000000000000
> 2 | 50 | 15.0000000000000000
> 3 | 45 | 16.6666666666666667
> 4 | 40 | 15.0000000000000000
> 5 | 20 | 13.3333333333333333
> 6 | 22 | 10.0000000000000000
> 7 | 7 | 11.0000000000000000

rows
SELECT id, sum(amount) OVER (ORDER BY id ROWS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING), count(*) OVER (ORDER BY amount RANGE BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING) FROM sales ORDER BY id
> 1 | 77 | 5
> 2 | 67 | 3
> 3 | 47 | 3
> 4 | 27 | 7
> 5 | 22 | 4
> 6 | 7 | 1
> 7 | 7 | 6

rows
SELECT region, amount, rank() OVER (PARTITION BY region ORDER BY amount DESC), dense_rank() OVER (ORDER BY amount DESC NULLS LAST) FROM sales ORDER BY id
> eu | 10 | 3 | 3
> eu | 20 | 1 | 1
> eu | 20 | 1 | 1
> us | 5 | 3 | 5
> us | 15 | 2 | 2
> us | NULL | 1 | 6
> ap | 7 | 1 | 4

rows
SELECT id, amount - lag(amount) OVER (ORDER BY id) AS delta FROM sales WHERE region = 'eu' ORDER BY id
> 1 | NULL
> 2 | 10
> 3 | 0

error 22014
SELECT ntile(0) OVER (ORDER BY id) FROM sales
! argument of ntile must be greater than zero

error 42809
SELECT upper(region) OVER () FROM sales
! OVER specified, but upper is not a window function nor an aggregate function

