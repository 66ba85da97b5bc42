-- What sent a drop, beyond its channel: a roster API's provider and host ("Clever (api.clever.com)"),
-- or the host of the district's SFTP site. Shown with every run and record the drop made, so that an
-- admin sees where a record came from (and notices a district that switched sources).
ALTER TABLE intake ADD COLUMN origin text;
