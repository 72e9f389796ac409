-- Roles, row-level security keyed on the request's user, change triggers (version, cursor, audit, NOTIFY).
-- The server runs each request in a transaction with `SET LOCAL ROLE atlas_app` and `atlas.user_id` set:
-- atlas_app owns nothing, so every policy below applies to it, whatever a route's SQL says.
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'atlas_app') THEN CREATE ROLE atlas_app NOLOGIN; END IF;
  EXECUTE format('GRANT atlas_app TO %I', current_user);
END $$;

CREATE FUNCTION atlas.request_user() RETURNS bigint LANGUAGE sql STABLE AS
$$ SELECT nullif(current_setting('atlas.user_id', true), '')::bigint $$;

CREATE FUNCTION atlas.request_role() RETURNS text LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = atlas, pg_temp AS
$$ SELECT role FROM atlas.users WHERE id = atlas.request_user() AND NOT disabled $$;

CREATE FUNCTION atlas.request_structure() RETURNS text LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = atlas, pg_temp AS
$$ SELECT structure FROM atlas.users WHERE id = atlas.request_user() AND NOT disabled $$;

-- Communes the request's user may see: NULL = every row (admin, or no membership = the whole territory),
-- an empty array when there is no valid user.
CREATE FUNCTION atlas.request_communes() RETURNS text[] LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = atlas, pg_temp AS $$
  SELECT CASE
    WHEN u.id IS NULL THEN ARRAY[]::text[]
    WHEN u.role = 'admin' OR NOT EXISTS (SELECT FROM atlas.memberships m WHERE m.user_id = u.id) THEN NULL
    ELSE ARRAY(
      SELECT m.commune_insee FROM atlas.memberships m WHERE m.user_id = u.id AND m.commune_insee IS NOT NULL
      UNION
      SELECT c.insee FROM atlas.memberships m JOIN atlas.communes c ON c.epci_siren = m.epci_siren
      WHERE m.user_id = u.id)
  END
  FROM (SELECT atlas.request_user() AS uid) r
  LEFT JOIN atlas.users u ON u.id = r.uid AND NOT u.disabled
$$;

-- Version, cursor and author are set here, not by routes, so no writer can forget them.
CREATE FUNCTION atlas.touch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.txid := pg_current_xact_id();
  NEW.updated_at := now();
  NEW.updated_by := atlas.request_user();
  IF TG_OP = 'UPDATE' THEN NEW.version := OLD.version + 1; ELSE NEW.version := 1; END IF;
  RETURN NEW;
END $$;

-- Audit line + live-update notification per row; bulk imports (atlas.bulk = on) write one summary instead.
CREATE FUNCTION atlas.record_changed() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
SET search_path = atlas, pg_temp AS $$
DECLARE
  rec record := CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
BEGIN
  IF current_setting('atlas.bulk', true) = 'on' THEN RETURN NULL; END IF;
  INSERT INTO atlas.audit_log (user_id, module, record_id, action, before, after)
  VALUES (
    atlas.request_user(), TG_TABLE_NAME, rec.id,
    CASE WHEN TG_OP = 'UPDATE' AND NEW.deleted AND NOT OLD.deleted THEN 'delete' ELSE lower(TG_OP) END,
    CASE WHEN TG_OP <> 'INSERT' THEN to_jsonb(OLD) - 'txid' END,
    CASE WHEN TG_OP <> 'DELETE' THEN to_jsonb(NEW) - 'txid' END);
  PERFORM pg_notify('atlas_changes', json_build_object(
    'module', TG_TABLE_NAME, 'id', rec.id, 'version', rec.version, 'deleted', rec.deleted,
    'insee', rec.insee)::text);
  RETURN NULL;
END $$;

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['lights', 'advice', 'friches', 'pcaet'] LOOP
    EXECUTE format('CREATE TRIGGER touch BEFORE INSERT OR UPDATE ON atlas.%I FOR EACH ROW EXECUTE FUNCTION atlas.touch()', t);
    EXECUTE format('CREATE TRIGGER changed AFTER INSERT OR UPDATE OR DELETE ON atlas.%I FOR EACH ROW EXECUTE FUNCTION atlas.record_changed()', t);
    EXECUTE format('ALTER TABLE atlas.%I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON atlas.%I TO atlas_app', t);
  END LOOP;
END $$;

GRANT USAGE ON SCHEMA atlas TO atlas_app;
GRANT SELECT ON atlas.communes, atlas.epci TO atlas_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON atlas.advice_contacts, atlas.friche_notes TO atlas_app;
GRANT USAGE ON SEQUENCE atlas.friche_notes_id_seq TO atlas_app;
GRANT SELECT ON atlas.audit_log TO atlas_app;
GRANT EXECUTE ON FUNCTION atlas.request_user(), atlas.request_role(), atlas.request_structure(),
  atlas.request_communes() TO atlas_app;

-- The (SELECT …) wrappers make PostgreSQL evaluate the user's role and scope once per statement.
CREATE POLICY read_in_scope ON atlas.lights FOR SELECT USING (
  (SELECT atlas.request_role()) IS NOT NULL
  AND ((SELECT atlas.request_communes()) IS NULL OR insee = ANY ((SELECT atlas.request_communes())::text[])));
CREATE POLICY write_in_scope ON atlas.lights FOR ALL USING (
  (SELECT atlas.request_role()) IN ('admin', 'editor')
  AND ((SELECT atlas.request_communes()) IS NULL OR insee = ANY ((SELECT atlas.request_communes())::text[])));

CREATE POLICY read_in_scope ON atlas.friches FOR SELECT USING (
  (SELECT atlas.request_role()) IS NOT NULL
  AND ((SELECT atlas.request_communes()) IS NULL OR insee = ANY ((SELECT atlas.request_communes())::text[])));
CREATE POLICY write_in_scope ON atlas.friches FOR ALL USING (
  (SELECT atlas.request_role()) IN ('admin', 'editor')
  AND ((SELECT atlas.request_communes()) IS NULL OR insee = ANY ((SELECT atlas.request_communes())::text[])));

-- Advice sessions: advisers and the Pays only (viewers and editors get aggregated indicators, never rows).
CREATE POLICY advisers_in_scope ON atlas.advice FOR ALL USING (
  (SELECT atlas.request_role()) IN ('admin', 'adviser')
  AND ((SELECT atlas.request_communes()) IS NULL OR insee = ANY ((SELECT atlas.request_communes())::text[])));

-- Contact data: only the adviser's own structure.
ALTER TABLE atlas.advice_contacts ENABLE ROW LEVEL SECURITY;
CREATE POLICY own_structure ON atlas.advice_contacts FOR ALL USING (
  (SELECT atlas.request_role()) = 'admin'
  OR ((SELECT atlas.request_role()) = 'adviser' AND structure = (SELECT atlas.request_structure())));

ALTER TABLE atlas.friche_notes ENABLE ROW LEVEL SECURITY;
CREATE POLICY editors ON atlas.friche_notes FOR ALL USING ((SELECT atlas.request_role()) IN ('admin', 'editor'));

-- PCAET indicators are public within the team; only the Pays edits them.
CREATE POLICY everyone_reads ON atlas.pcaet FOR SELECT USING ((SELECT atlas.request_role()) IS NOT NULL);
CREATE POLICY admin_writes ON atlas.pcaet FOR ALL USING ((SELECT atlas.request_role()) = 'admin');

ALTER TABLE atlas.audit_log ENABLE ROW LEVEL SECURITY;
CREATE POLICY admin_reads ON atlas.audit_log FOR SELECT USING ((SELECT atlas.request_role()) = 'admin');
