-- The directory's name indexes of V17 were one too many for a first load: every index on person is
-- written for each of a large district's two million people (docs/benchmarks.md, issue 5). One
-- index now gives both the name order, page after page (keyset), and the search by the start of
-- the family name: in the C collation, whose byte order lets a prefix LIKE use a btree whatever
-- the database's collation. A given or preferred name is only tested beside a family name.
DROP INDEX person_by_name;
DROP INDEX person_given_name;
DROP INDEX person_family_name;
DROP INDEX person_preferred_name;
CREATE INDEX person_by_name ON person (district_id, (lower(family_name) COLLATE "C"),
                                       (lower(given_name) COLLATE "C"), id);
