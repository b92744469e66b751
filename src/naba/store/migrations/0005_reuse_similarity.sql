-- Each copy's similarity as a column, so a story's copies are ranked without parsing every record
-- (SaudiNewsNet's biggest story has 10,880: parsing them cost ~70 ms of its page).
ALTER TABLE reuse_pairs ADD COLUMN similarity REAL;
UPDATE reuse_pairs SET similarity = json_extract(record, '$.similarity');
