ok
CREATE TABLE stock (id INT PRIMARY KEY, qty INT)

ok
CREATE TABLE moves (id INT PRIMARY KEY, item INT, delta INT)

ok INSERT 0 3
INSERT INTO stock VALUES (1, 10), (2, 20), (3, 30)

ok INSERT 0 3
INSERT INTO moves VALUES (100, 1, -3), (101, 2, 5), (102, 9, 1)

ok UPDATE 2
UPDATE stock SET qty = stock.qty + m.delta FROM moves m WHERE m.item = stock.id

rows
SELECT id, qty FROM stock ORDER BY id
> 1 | 7
> 2 | 25
> 3 | 30

ok UPDATE 1
UPDATE stock s SET qty = 0 FROM moves WHERE moves.item = s.id AND moves.delta > 0

rows
SELECT id, qty FROM stock ORDER BY id
> 1 | 7
> 2 | 0
> 3 | 30

ok DELETE 1
DELETE FROM stock USING moves WHERE moves.item = stock.id AND moves.delta < 0

rows
SELECT id, qty FROM stock ORDER BY id
> 2 | 0
> 3 | 30

ok DELETE 0
DELETE FROM stock s USING moves m WHERE m.item = s.id AND m.delta < 0

