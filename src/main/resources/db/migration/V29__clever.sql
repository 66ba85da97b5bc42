-- A roster API is a OneRoster REST provider or Clever (its Data API, a district-app token). For Clever,
-- the contact types (Parent/Guardian, Emergency, ...) and relationships (Parent, Grandparent, ...) the
-- district syncs; empty: all.
ALTER TABLE roster_api ADD COLUMN provider text NOT NULL DEFAULT 'oneroster' CHECK (provider IN ('oneroster', 'clever'));
ALTER TABLE roster_api ADD COLUMN contact_types text[] NOT NULL DEFAULT '{}';
ALTER TABLE roster_api ADD COLUMN contact_relationships text[] NOT NULL DEFAULT '{}';
ALTER TABLE roster_api ADD CHECK (provider <> 'clever' OR auth = 'bearer');
