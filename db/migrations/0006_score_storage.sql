ALTER TABLE "score_snapshots" DROP CONSTRAINT "score_snapshots_org_id_organisations_org_id_fk";
--> statement-breakpoint
ALTER TABLE "indicator_values" ALTER COLUMN "detail" SET DATA TYPE json;--> statement-breakpoint
ALTER TABLE "score_snapshots" ALTER COLUMN "result" SET DATA TYPE json;--> statement-breakpoint
ALTER TABLE "score_snapshots" ALTER COLUMN "result" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "score_snapshots" ADD COLUMN "dimension_scores" double precision[];--> statement-breakpoint
ALTER TABLE "score_snapshots" ADD COLUMN "indicator_values" double precision[];--> statement-breakpoint
ALTER TABLE "score_snapshots" ADD COLUMN "indicator_percentiles" double precision[];