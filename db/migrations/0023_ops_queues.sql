CREATE TABLE "appeals" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"shop_id" uuid NOT NULL,
	"subject" text NOT NULL,
	"fact_key" text NOT NULL,
	"order_id" text,
	"reason" text NOT NULL,
	"evidence_note" text,
	"evidence_url" text,
	"deadline_day" date,
	"outcome" text DEFAULT 'pending' NOT NULL,
	"decided_at" timestamp with time zone,
	"decided_by" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "appeals_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "fact_exemptions" (
	"org_id" uuid NOT NULL,
	"shop_id" uuid NOT NULL,
	"fact_kind" text NOT NULL,
	"fact_key" text NOT NULL,
	"appeal_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "fact_exemptions_org_id_shop_id_fact_kind_fact_key_pk" PRIMARY KEY("org_id","shop_id","fact_kind","fact_key")
);
--> statement-breakpoint
CREATE TABLE "problem_log_entries" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"shop_id" uuid NOT NULL,
	"problem_type" text NOT NULL,
	"cases" integer DEFAULT 0 NOT NULL,
	"owning_team" text NOT NULL,
	"fix" text NOT NULL,
	"effect" text,
	"checklist_id" uuid,
	"fact_refs" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "problem_log_entries_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "reply_templates" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"locale" text NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reply_templates_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "review_cases" (
	"org_id" uuid NOT NULL,
	"shop_id" uuid NOT NULL,
	"order_id" text NOT NULL,
	"reviewed_at" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'new' NOT NULL,
	"owner_user_id" uuid,
	"note" text,
	"resolved_at" timestamp with time zone,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "review_cases_org_id_shop_id_order_id_reviewed_at_pk" PRIMARY KEY("org_id","shop_id","order_id","reviewed_at")
);
--> statement-breakpoint
ALTER TABLE "appeals" ADD CONSTRAINT "appeals_org_id_shop_id_shops_org_id_id_fk" FOREIGN KEY ("org_id","shop_id") REFERENCES "public"."shops"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fact_exemptions" ADD CONSTRAINT "fact_exemptions_org_id_shop_id_shops_org_id_id_fk" FOREIGN KEY ("org_id","shop_id") REFERENCES "public"."shops"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "problem_log_entries" ADD CONSTRAINT "problem_log_entries_org_id_shop_id_shops_org_id_id_fk" FOREIGN KEY ("org_id","shop_id") REFERENCES "public"."shops"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reply_templates" ADD CONSTRAINT "reply_templates_org_id_organisations_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("org_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_cases" ADD CONSTRAINT "review_cases_org_id_shop_id_shops_org_id_id_fk" FOREIGN KEY ("org_id","shop_id") REFERENCES "public"."shops"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "appeals_shop_outcome" ON "appeals" USING btree ("org_id","shop_id","outcome");--> statement-breakpoint
CREATE INDEX "appeals_decided" ON "appeals" USING btree ("org_id","decided_at");--> statement-breakpoint
CREATE INDEX "problem_log_shop" ON "problem_log_entries" USING btree ("org_id","shop_id");--> statement-breakpoint
CREATE INDEX "review_cases_resolved" ON "review_cases" USING btree ("org_id","resolved_at");