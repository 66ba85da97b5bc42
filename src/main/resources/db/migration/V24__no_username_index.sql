-- V22's index of usernames served only the sign-in lookup of merged records' identifiers
-- (PeopleReads.whoSignsInAs), which nothing calls yet but the tests; every first load paid for it
-- (2 M usernames on the 1M-student district). Sign-in through Clever and ClassLink (issue 7) decides
-- how usernames are found, and measures it.
DROP INDEX person_username;
