-- Imports write one audit line (who, which module, counts) instead of one per row; atlas_app cannot write
-- the audit log directly, so the line goes through this owner-side function.
CREATE FUNCTION atlas.audit_import(module text, detail jsonb) RETURNS void LANGUAGE sql SECURITY DEFINER
SET search_path = atlas, pg_temp AS
$$ INSERT INTO atlas.audit_log (user_id, module, action, after) VALUES (atlas.request_user(), module, 'import', detail) $$;
GRANT EXECUTE ON FUNCTION atlas.audit_import(text, jsonb) TO atlas_app;
