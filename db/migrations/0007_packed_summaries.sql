-- History summaries as packed big-endian doubles (ADR 0008). Stored rows keep every bit: each
-- element becomes its float8send bytes, in order.
CREATE FUNCTION koubei_pack_float8(float8[]) RETURNS bytea LANGUAGE sql IMMUTABLE AS
  $$ SELECT string_agg(float8send(v), ''::bytea ORDER BY i) FROM unnest($1) WITH ORDINALITY AS t(v, i) $$;--> statement-breakpoint
ALTER TABLE "score_snapshots" ALTER COLUMN "dimension_scores" SET DATA TYPE bytea USING koubei_pack_float8("dimension_scores");--> statement-breakpoint
ALTER TABLE "score_snapshots" ALTER COLUMN "indicator_values" SET DATA TYPE bytea USING koubei_pack_float8("indicator_values");--> statement-breakpoint
ALTER TABLE "score_snapshots" ALTER COLUMN "indicator_percentiles" SET DATA TYPE bytea USING koubei_pack_float8("indicator_percentiles");--> statement-breakpoint
DROP FUNCTION koubei_pack_float8(float8[]);
