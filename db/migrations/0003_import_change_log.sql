-- Hand-written: drizzle-kit cannot emit functions.
-- Called from the SET clause of an import's INSERT ... ON CONFLICT DO UPDATE, where the existing
-- row is at hand, to log its before image for undo. This keeps the import to one upsert per batch
-- with the primary key as arbiter, instead of a lookup whose plan depends on table statistics
-- (stale for the whole of a large first import). Runs with the caller's rights, so RLS applies.
CREATE OR REPLACE FUNCTION koubei_import_log_before(p_org uuid, p_import uuid, p_shop uuid, p_row_key text, p_key jsonb, p_before jsonb)
RETURNS uuid
LANGUAGE sql VOLATILE AS $$
  INSERT INTO import_row_changes (org_id, import_id, row_key, shop_id, op, key, before)
  VALUES (p_org, p_import, p_row_key, p_shop, 'update', p_key, p_before)
  ON CONFLICT DO NOTHING;
  SELECT p_import;
$$;
