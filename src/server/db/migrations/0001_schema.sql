-- Atlas COTRI team workspace: territory, module records, accounts, audit log.
-- Geometry is stored in EPSG:4326 (the app's store is WGS84 only); Lambert-93 comes from the views (0002).
CREATE EXTENSION IF NOT EXISTS postgis;
CREATE SCHEMA IF NOT EXISTS atlas;

CREATE TABLE atlas.epci (
  siren text PRIMARY KEY CHECK (siren ~ '^\d{9}$'),
  name text NOT NULL,
  geom geometry(MultiPolygon, 4326)
);

CREATE TABLE atlas.communes (
  insee text PRIMARY KEY CHECK (insee ~ '^\d[\dAB]\d{3}$'),
  name text NOT NULL,
  epci_siren text NOT NULL REFERENCES atlas.epci (siren),
  population integer,
  area_km2 double precision,
  geom geometry(MultiPolygon, 4326)
);
CREATE INDEX communes_epci ON atlas.communes (epci_siren);

-- Accounts. `structure` is the adviser's organisation (France Rénov' space): contact data is shared within it.
CREATE TABLE atlas.users (
  id bigserial PRIMARY KEY,
  email text NOT NULL UNIQUE CHECK (email = lower(email)),
  password_hash text NOT NULL,
  role text NOT NULL CHECK (role IN ('admin', 'editor', 'adviser', 'viewer')),
  structure text,
  disabled boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Scope of a non-admin user: EPCI and/or communes. No membership = the whole territory.
CREATE TABLE atlas.memberships (
  user_id bigint NOT NULL REFERENCES atlas.users (id) ON DELETE CASCADE,
  epci_siren text REFERENCES atlas.epci (siren),
  commune_insee text REFERENCES atlas.communes (insee),
  CHECK ((epci_siren IS NULL) <> (commune_insee IS NULL))
);
CREATE INDEX memberships_user ON atlas.memberships (user_id);

-- Browser sessions and API tokens: only an HMAC of the secret is stored, so a dump gives no usable session.
CREATE TABLE atlas.sessions (
  token_hash text PRIMARY KEY,
  user_id bigint NOT NULL REFERENCES atlas.users (id) ON DELETE CASCADE,
  kind text NOT NULL DEFAULT 'browser' CHECK (kind IN ('browser', 'token')),
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
CREATE INDEX sessions_user ON atlas.sessions (user_id);

-- Every editable record: id, commune, integer version, soft delete (so `since` feeds report deletions),
-- and the writing transaction id (the change cursor, see records.ts), set by trigger.
CREATE TABLE atlas.lights (
  id text PRIMARY KEY,
  insee text REFERENCES atlas.communes (insee),
  geom geometry(Point, 4326),
  properties jsonb NOT NULL DEFAULT '{}',
  version integer NOT NULL DEFAULT 1,
  deleted boolean NOT NULL DEFAULT false,
  txid xid8 NOT NULL DEFAULT pg_current_xact_id(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by bigint REFERENCES atlas.users (id)
);
CREATE INDEX lights_geom ON atlas.lights USING gist (geom);
CREATE INDEX lights_insee ON atlas.lights (insee);
CREATE INDEX lights_txid ON atlas.lights (txid);

-- Advice sessions are pseudonymous (household id only); any contact data lives in advice_contacts.
CREATE TABLE atlas.advice (
  id text PRIMARY KEY,
  insee text REFERENCES atlas.communes (insee),
  structure text,
  properties jsonb NOT NULL DEFAULT '{}',
  version integer NOT NULL DEFAULT 1,
  deleted boolean NOT NULL DEFAULT false,
  txid xid8 NOT NULL DEFAULT pg_current_xact_id(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by bigint REFERENCES atlas.users (id)
);
CREATE INDEX advice_insee ON atlas.advice (insee);
CREATE INDEX advice_txid ON atlas.advice (txid);

CREATE TABLE atlas.advice_contacts (
  advice_id text PRIMARY KEY REFERENCES atlas.advice (id) ON DELETE CASCADE,
  structure text NOT NULL,
  name text,
  phone text,
  email text,
  address text
);

CREATE TABLE atlas.friches (
  id text PRIMARY KEY,
  insee text REFERENCES atlas.communes (insee),
  geom geometry(Point, 4326),
  surface geometry(Geometry, 4326),
  properties jsonb NOT NULL DEFAULT '{}',
  version integer NOT NULL DEFAULT 1,
  deleted boolean NOT NULL DEFAULT false,
  txid xid8 NOT NULL DEFAULT pg_current_xact_id(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by bigint REFERENCES atlas.users (id)
);
CREATE INDEX friches_geom ON atlas.friches USING gist (geom);
CREATE INDEX friches_txid ON atlas.friches (txid);

-- Pins (shortlist) and notes on a site, per user.
CREATE TABLE atlas.friche_notes (
  id bigserial PRIMARY KEY,
  friche_id text NOT NULL REFERENCES atlas.friches (id) ON DELETE CASCADE,
  user_id bigint REFERENCES atlas.users (id),
  pinned boolean NOT NULL DEFAULT false,
  note text,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE atlas.context_layers (
  id text PRIMARY KEY,
  role text NOT NULL,
  name text NOT NULL,
  features jsonb NOT NULL,
  version integer NOT NULL DEFAULT 1,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- PCAET: indicators and their dated values (one record per value; place = INSEE, SIREN or null).
CREATE TABLE atlas.pcaet (
  id text PRIMARY KEY,
  insee text REFERENCES atlas.communes (insee),
  properties jsonb NOT NULL DEFAULT '{}',
  version integer NOT NULL DEFAULT 1,
  deleted boolean NOT NULL DEFAULT false,
  txid xid8 NOT NULL DEFAULT pg_current_xact_id(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by bigint REFERENCES atlas.users (id)
);
CREATE INDEX pcaet_txid ON atlas.pcaet (txid);

-- Who, when, which record, before → after. Imports write one summary line instead of a million.
CREATE TABLE atlas.audit_log (
  id bigserial PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  user_id bigint,
  module text NOT NULL,
  record_id text,
  action text NOT NULL,
  before jsonb,
  after jsonb
);
CREATE INDEX audit_record ON atlas.audit_log (module, record_id);
