CREATE TABLE "import_row_changes" (
	"org_id" uuid NOT NULL,
	"import_id" uuid NOT NULL,
	"row_key" text NOT NULL,
	"shop_id" uuid NOT NULL,
	"op" text NOT NULL,
	"key" jsonb NOT NULL,
	"before" jsonb,
	CONSTRAINT "import_row_changes_org_id_import_id_row_key_pk" PRIMARY KEY("org_id","import_id","row_key")
);
--> statement-breakpoint
CREATE TABLE "import_row_errors" (
	"org_id" uuid NOT NULL,
	"import_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"row" integer NOT NULL,
	"column" text,
	"reason" text NOT NULL,
	"raw" jsonb,
	CONSTRAINT "import_row_errors_org_id_import_id_seq_pk" PRIMARY KEY("org_id","import_id","seq")
);
--> statement-breakpoint
CREATE TABLE "import_templates" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"mapping" jsonb NOT NULL,
	"encoding" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "import_templates_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "import_touched_days" (
	"org_id" uuid NOT NULL,
	"import_id" uuid NOT NULL,
	"shop_id" uuid NOT NULL,
	"day" date NOT NULL,
	CONSTRAINT "import_touched_days_org_id_import_id_shop_id_day_pk" PRIMARY KEY("org_id","import_id","shop_id","day")
);
--> statement-breakpoint
CREATE TABLE "imports" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"shop_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"file_name" text NOT NULL,
	"file_type" text,
	"size_bytes" integer,
	"encoding" text,
	"encoding_choice" text DEFAULT 'auto' NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"inserted" integer DEFAULT 0 NOT NULL,
	"updated" integer DEFAULT 0 NOT NULL,
	"unchanged" integer DEFAULT 0 NOT NULL,
	"rejected" integer DEFAULT 0 NOT NULL,
	"kept_newer" integer DEFAULT 0 NOT NULL,
	"rows_processed" integer DEFAULT 0 NOT NULL,
	"rows_total" integer,
	"error" text,
	"error_key" text,
	"mapping" jsonb,
	"notes" jsonb,
	"exported_at" timestamp with time zone,
	"source_ref" text,
	"bundle_id" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"undone_at" timestamp with time zone,
	"undone_by" uuid,
	CONSTRAINT "imports_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
ALTER TABLE "import_row_changes" ADD CONSTRAINT "import_row_changes_org_id_import_id_imports_org_id_id_fk" FOREIGN KEY ("org_id","import_id") REFERENCES "public"."imports"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_row_errors" ADD CONSTRAINT "import_row_errors_org_id_import_id_imports_org_id_id_fk" FOREIGN KEY ("org_id","import_id") REFERENCES "public"."imports"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_touched_days" ADD CONSTRAINT "import_touched_days_org_id_import_id_imports_org_id_id_fk" FOREIGN KEY ("org_id","import_id") REFERENCES "public"."imports"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "imports" ADD CONSTRAINT "imports_org_id_shop_id_shops_org_id_id_fk" FOREIGN KEY ("org_id","shop_id") REFERENCES "public"."shops"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "import_templates_name" ON "import_templates" USING btree ("org_id","kind","name");--> statement-breakpoint
CREATE INDEX "import_touched_days_shop_day" ON "import_touched_days" USING btree ("org_id","shop_id","day");--> statement-breakpoint
CREATE INDEX "imports_shop_created" ON "imports" USING btree ("org_id","shop_id","created_at");--> statement-breakpoint
CREATE INDEX "imports_bundle" ON "imports" USING btree ("org_id","bundle_id");