-- How many records a pull asks for per request (limit): null is the service's default (1,000). A
-- district's API far away or slow to answer is pulled in fewer, larger pages: at 200 ms a round trip,
-- a million students are 9,500 requests of 1,000 but 950 of 10,000. A server that caps its pages
-- lower is still read whole (to X-Total-Count, or to an empty page).
ALTER TABLE roster_api ADD COLUMN page_size integer CHECK (page_size BETWEEN 100 AND 10000);
