CREATE TABLE "platform_score_snapshots" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"shop_id" uuid NOT NULL,
	"platform" text DEFAULT 'douyin' NOT NULL,
	"score" numeric(5, 2),
	"indicators" jsonb NOT NULL,
	"taken_at" timestamp with time zone NOT NULL,
	"run_id" uuid,
	CONSTRAINT "platform_score_snapshots_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "sync_apps" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"platform" text DEFAULT 'douyin' NOT NULL,
	"base_url" text NOT NULL,
	"app_key" text NOT NULL,
	"app_secret_encrypted" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sync_apps_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "sync_connections" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"shop_id" uuid NOT NULL,
	"app_id" uuid NOT NULL,
	"platform_shop_id" text NOT NULL,
	"platform_shop_name" text,
	"auth_status" text DEFAULT 'needs_authorisation' NOT NULL,
	"access_token_encrypted" text,
	"refresh_token_encrypted" text,
	"access_expires_at" timestamp with time zone,
	"paused" boolean DEFAULT false NOT NULL,
	"interval_minutes" integer DEFAULT 30 NOT NULL,
	"last_run_at" timestamp with time zone,
	"last_success_at" timestamp with time zone,
	"last_error_key" text,
	"consecutive_failures" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sync_connections_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "sync_cursors" (
	"org_id" uuid NOT NULL,
	"connection_id" uuid NOT NULL,
	"resource" text NOT NULL,
	"position" bigint NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sync_cursors_org_id_connection_id_resource_pk" PRIMARY KEY("org_id","connection_id","resource")
);
--> statement-breakpoint
CREATE TABLE "sync_runs" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"connection_id" uuid NOT NULL,
	"shop_id" uuid NOT NULL,
	"trigger" text NOT NULL,
	"status" text DEFAULT 'running' NOT NULL,
	"counts" jsonb,
	"error_key" text,
	"error_detail" text,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	CONSTRAINT "sync_runs_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
ALTER TABLE "imports" ADD COLUMN "source" text DEFAULT 'file' NOT NULL;--> statement-breakpoint
ALTER TABLE "platform_score_snapshots" ADD CONSTRAINT "platform_score_snapshots_org_id_shop_id_shops_org_id_id_fk" FOREIGN KEY ("org_id","shop_id") REFERENCES "public"."shops"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sync_apps" ADD CONSTRAINT "sync_apps_org_id_organisations_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("org_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sync_connections" ADD CONSTRAINT "sync_connections_org_id_shop_id_shops_org_id_id_fk" FOREIGN KEY ("org_id","shop_id") REFERENCES "public"."shops"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sync_connections" ADD CONSTRAINT "sync_connections_org_id_app_id_sync_apps_org_id_id_fk" FOREIGN KEY ("org_id","app_id") REFERENCES "public"."sync_apps"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sync_cursors" ADD CONSTRAINT "sync_cursors_org_id_connection_id_sync_connections_org_id_id_fk" FOREIGN KEY ("org_id","connection_id") REFERENCES "public"."sync_connections"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sync_runs" ADD CONSTRAINT "sync_runs_org_id_connection_id_sync_connections_org_id_id_fk" FOREIGN KEY ("org_id","connection_id") REFERENCES "public"."sync_connections"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "platform_score_snapshots_shop" ON "platform_score_snapshots" USING btree ("org_id","shop_id","taken_at");--> statement-breakpoint
CREATE UNIQUE INDEX "sync_apps_platform" ON "sync_apps" USING btree ("org_id","platform");--> statement-breakpoint
CREATE UNIQUE INDEX "sync_connections_shop" ON "sync_connections" USING btree ("org_id","shop_id");--> statement-breakpoint
CREATE INDEX "sync_connections_platform_shop" ON "sync_connections" USING btree ("org_id","platform_shop_id");--> statement-breakpoint
CREATE INDEX "sync_runs_connection_started" ON "sync_runs" USING btree ("org_id","connection_id","started_at");