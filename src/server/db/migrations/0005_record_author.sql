-- The app's conflict view and record history say who made the current version (« modifié par … le … »):
-- atlas_app cannot read atlas.users, so the author's e-mail comes through this owner-side function, and only
-- for a signed-in request (the rows themselves are still filtered by their own policies).
CREATE FUNCTION atlas.user_email(uid bigint) RETURNS text LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = atlas, pg_temp AS
$$ SELECT email FROM atlas.users WHERE id = uid AND (SELECT atlas.request_role()) IS NOT NULL $$;
GRANT EXECUTE ON FUNCTION atlas.user_email(bigint) TO atlas_app;
