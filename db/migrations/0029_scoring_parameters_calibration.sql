CREATE TABLE "calibration_runs" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"rule_set" text NOT NULL,
	"category_code" text NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"progress" integer DEFAULT 0 NOT NULL,
	"from_day" date,
	"to_day" date,
	"result" jsonb,
	"error_key" text,
	"requested_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"adopted_at" timestamp with time zone,
	"adopted_by" uuid,
	CONSTRAINT "calibration_runs_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "scoring_parameter_entries" (
	"org_id" uuid NOT NULL,
	"rule_set" text NOT NULL,
	"category_code" text NOT NULL,
	"code" text NOT NULL,
	"target" text NOT NULL,
	"cutoffs" double precision[],
	"cutoffs_origin" text,
	"weight" double precision,
	"weight_origin" text,
	"calibration_run_id" uuid,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "scoring_parameter_entries_org_id_rule_set_category_code_code_pk" PRIMARY KEY("org_id","rule_set","category_code","code")
);
--> statement-breakpoint
ALTER TABLE "platform_score_snapshots" ADD COLUMN "day" date;--> statement-breakpoint
-- Hand-written: the snapshots already taken get the Shanghai day they were read on, and the 5-point scale where the score says so (the policies come back with the security setup after every migration).
ALTER TABLE "platform_score_snapshots" NO FORCE ROW LEVEL SECURITY;--> statement-breakpoint
UPDATE "platform_score_snapshots" SET "day" = ("taken_at" AT TIME ZONE 'Asia/Shanghai')::date;--> statement-breakpoint
ALTER TABLE "platform_score_snapshots" ALTER COLUMN "day" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "platform_score_snapshots" ADD COLUMN "source" text DEFAULT 'sync' NOT NULL;--> statement-breakpoint
ALTER TABLE "platform_score_snapshots" ADD COLUMN "scale" integer DEFAULT 100 NOT NULL;--> statement-breakpoint
ALTER TABLE "platform_score_snapshots" ADD COLUMN "dimensions" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "platform_score_snapshots" ADD COLUMN "reported_indicators" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "platform_score_snapshots" ADD COLUMN "file_name" text;--> statement-breakpoint
UPDATE "platform_score_snapshots" SET "scale" = 5 WHERE "score" <= 5;--> statement-breakpoint
ALTER TABLE "calibration_runs" ADD CONSTRAINT "calibration_runs_org_id_organisations_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("org_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scoring_parameter_entries" ADD CONSTRAINT "scoring_parameter_entries_org_id_organisations_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("org_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "calibration_runs_category" ON "calibration_runs" USING btree ("org_id","rule_set","category_code","created_at");--> statement-breakpoint
CREATE INDEX "platform_score_snapshots_day" ON "platform_score_snapshots" USING btree ("org_id","shop_id","day");